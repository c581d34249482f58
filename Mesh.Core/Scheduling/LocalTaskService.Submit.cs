using System.Globalization;
using Mesh.Core.Control;
using Mesh.Core.Resources;
using Mesh.Core.Tasks;

namespace Mesh.Core.Scheduling;

/// <content>Submission: check the request, cache the inputs, store the tasks, then answer.</content>
public sealed partial class LocalTaskService
{
    /// <inheritdoc />
    public async Task<SubmitTaskResponse> SubmitAsync(SubmitTaskRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var template = ToSpec(request);

        // Everything that needs no file is checked first, so a bad request never copies a large input.
        Refuse(TaskSpecValidator.Validate(template, _options.SpecLimits));
        CheckFits(template.Resources);
        var inputs = new List<TaskInputFile>(request.Inputs.Count);
        foreach (var path in request.Inputs)
        {
            CheckInputPath(path);
        }

        foreach (var path in request.Inputs)
        {
            inputs.Add(await _cache.AddAsync(path, Path.GetFileName(path), cancellationToken).ConfigureAwait(false));
        }

        template = template with { Inputs = inputs };
        Refuse(TaskSpecValidator.Validate(template, _options.SpecLimits));

        IReadOnlyList<TaskSpec> specs = [template];
        if (request.Array is not null)
        {
            if (!ArrayRange.TryParse(request.Array, _options.MaxArrayTasks, out var range, out var error))
            {
                throw new TaskRequestException(error);
            }

            specs = TaskArray.Expand(template, range);
        }

        var records = _store.SubmitMany(_self, specs);
        LogSubmitted(_logger, records.Count, records[0].Id.ToString());
        Changed();
        return new SubmitTaskResponse([.. records.Select(r => r.Id.ToString())]);
    }

    /// <summary>A request no machine can meet is an error now, not a task that waits forever (tasks run only here in this version).</summary>
    private void CheckFits(ResourceVector request)
    {
        if (Capacity?.Invoke() is not { IsZero: false } have)
        {
            return;
        }

        var (asked, most) = request switch
        {
            _ when request.Cpu > have.Cpu => ($"cpu={ResourceText.Cores(request.Cpu)}", $"{ResourceText.Cores(have.Cpu)} cores"),
            _ when request.Memory > have.Memory => ($"mem={ByteSize.Format(request.Memory)}", ByteSize.Format(have.Memory)),
            _ when request.Disk > have.Disk => ($"disk={ByteSize.Format(request.Disk)}", ByteSize.Format(have.Disk)),
            _ when request.Gpu > have.Gpu => ($"gpu={request.Gpu}", have.Gpu == 1 ? "1 GPU" : $"{have.Gpu} GPUs"),
            _ => (null, null),
        };
        if (asked is not null)
        {
            throw new TaskRequestException(
                $"no peer can meet {asked}: this node has {most} in all, and in this version tasks run only on the node they are submitted to");
        }
    }

    private TaskSpec ToSpec(SubmitTaskRequest request)
    {
        if (request.OutputDir is { } outputDir && !Path.IsPathFullyQualified(outputDir))
        {
            throw new TaskRequestException($"outputDir '{outputDir}' must be an absolute path");
        }

        if (request.Outputs.Count > 0 && request.OutputDir is null)
        {
            throw new TaskRequestException("outputs are asked for but no outputDir says where to write them");
        }

        TimeSpan? timeout = null;
        if (request.TimeoutSeconds is { } seconds)
        {
            if (!double.IsFinite(seconds) || seconds <= 0 || seconds > _options.SpecLimits.MaxTimeout.TotalSeconds)
            {
                throw new TaskRequestException(
                    $"timeout {seconds.ToString(CultureInfo.InvariantCulture)} s must be more than 0 and at most {_options.SpecLimits.MaxTimeout}");
            }

            timeout = TimeSpan.FromSeconds(seconds);
        }

        return new TaskSpec
        {
            Argv = request.Argv ?? [],
            Environment = request.Env ?? new Dictionary<string, string>(),
            Outputs = request.Outputs ?? [],
            OutputDirectory = request.OutputDir,
            Resources = new ResourceVector(request.Cpu ?? 1, request.Memory ?? 0, request.Disk ?? 0, request.Gpu ?? 0),
            Timeout = timeout,
            MaxRetries = request.Retries ?? _options.DefaultRetries,
            Placement = ToPlacement(request),
        };
    }

    // Remote placement needs the task protocol (next version): refuse honestly rather than run it here.
    private TaskPlacement ToPlacement(SubmitTaskRequest request)
    {
        switch (request.Placement)
        {
            case null or "" or "any":
                return TaskPlacement.Anywhere;
            case "local":
                return new TaskPlacement(PlacementKind.LocalOnly);
            case "remote":
                throw new TaskRequestException(RemoteRefusal);
            case "peer":
                if (string.IsNullOrEmpty(request.Peer))
                {
                    throw new TaskRequestException("placement 'peer' needs a peer id or name");
                }

                if (request.Peer == _self || request.Peer == _selfName)
                {
                    return new TaskPlacement(PlacementKind.OnPeer, _self);
                }

                throw new TaskRequestException(RemoteRefusal);
            default:
                throw new TaskRequestException($"placement '{request.Placement}' is unknown: use any, local, remote or peer");
        }
    }

    private static void CheckInputPath(string path)
    {
        if (string.IsNullOrEmpty(path) || !Path.IsPathFullyQualified(path))
        {
            throw new TaskRequestException($"input '{path}' must be an absolute path");
        }

        if (Directory.Exists(path))
        {
            throw new TaskRequestException($"input {path} is a directory; give its files");
        }

        if (!File.Exists(path))
        {
            throw new TaskRequestException($"input {path} does not exist");
        }
    }

    private static void Refuse(IReadOnlyList<string> problems)
    {
        if (problems.Count > 0)
        {
            throw new TaskRequestException(string.Join("; ", problems));
        }
    }
}
