using System.Globalization;
using Mesh.Core.Control;
using Mesh.Core.Resources;
using Mesh.Core.Tasks;

namespace Mesh.Core.Scheduling;

/// <content>Submission: check the request, cache the inputs, store the tasks, then answer.</content>
public sealed partial class TaskService
{
    /// <inheritdoc />
    public async Task<SubmitTaskResponse> SubmitAsync(SubmitTaskRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var template = ToSpec(request);

        // Everything that needs no file is checked first, so a bad request never copies a large input.
        Refuse(TaskSpecValidator.Validate(template, _options.SpecLimits));
        CheckFits(template);
        // A JSON body may say "inputs": null (or leave lists out): that is none, not an error of the node.
        IReadOnlyList<string> paths = request.Inputs ?? [];
        var inputs = new List<TaskInputFile>(paths.Count);
        foreach (var path in paths)
        {
            CheckInputPath(path);
        }

        foreach (var path in paths)
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

    /// <summary>A request no machine it may go to can meet is an error now, not a task that waits forever.</summary>
    private void CheckFits(TaskSpec spec)
    {
        var placement = spec.Placement;
        var snapshot = Remote?.Peers();
        var own = Capacity?.Invoke() ?? default;
        var mayRunHere = placement.Kind is PlacementKind.Any or PlacementKind.LocalOnly
            || (placement.Kind == PlacementKind.OnPeer && placement.Peer == _self);
        if (mayRunHere && (own.IsZero || spec.Resources.FitsWithin(own)))
        {
            return;
        }

        var others = snapshot?.Peers.Where(p => !p.IsSelf
            && (placement.Kind != PlacementKind.OnPeer || p.Entry.Peer.ToString() == placement.Peer)).ToList() ?? [];
        if (placement.Kind != PlacementKind.LocalOnly && others.Any(p => PeerChooser.CouldEverRun(p.Entry, spec, isSelf: false)))
        {
            return;
        }

        // The largest machine it could go to, to say how far the request is off.
        var most = mayRunHere ? own : default;
        var where = mayRunHere ? "this node has" : "the most a peer shares is";
        foreach (var peer in placement.Kind == PlacementKind.LocalOnly ? [] : others)
        {
            most = Max(most, (peer.Entry.Capacity - peer.Entry.Reserved).ClampToZero());
            where = mayRunHere ? "the most any peer has is" : where;
        }

        var request = spec.Resources;
        var (asked, have) = request switch
        {
            _ when request.Cpu > most.Cpu => ($"cpu={ResourceText.Cores(request.Cpu)}", $"{ResourceText.Cores(most.Cpu)} cores"),
            _ when request.Memory > most.Memory => ($"mem={ByteSize.Format(request.Memory)}", ByteSize.Format(most.Memory)),
            _ when request.Disk > most.Disk => ($"disk={ByteSize.Format(request.Disk)}", ByteSize.Format(most.Disk)),
            _ when request.Gpu > most.Gpu => ($"gpu={request.Gpu}", most.Gpu == 1 ? "1 GPU" : $"{most.Gpu} GPUs"),
            _ => ("its request", "less than it asks together"),
        };
        throw new TaskRequestException(others.Count == 0 && !mayRunHere
            ? $"no peer can take it: no other peer is in this node's peer table (see `mesh peers`)"
            : $"no peer can meet {asked}: {where} {have}");
    }

    private static ResourceVector Max(ResourceVector left, ResourceVector right) => new(
        Math.Max(left.Cpu, right.Cpu), Math.Max(left.Memory, right.Memory), Math.Max(left.Disk, right.Disk), Math.Max(left.Gpu, right.Gpu));

    private TaskSpec ToSpec(SubmitTaskRequest request)
    {
        if (request.OutputDir is { } outputDir && !Path.IsPathFullyQualified(outputDir))
        {
            throw new TaskRequestException($"outputDir '{outputDir}' must be an absolute path");
        }

        if (request.Outputs is { Count: > 0 } && request.OutputDir is null)
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

    private TaskPlacement ToPlacement(SubmitTaskRequest request)
    {
        switch (request.Placement)
        {
            case null or "" or "any":
                return TaskPlacement.Anywhere;
            case "local":
                return new TaskPlacement(PlacementKind.LocalOnly);
            case "remote":
                return Remote is null ? throw new TaskRequestException(RemoteRefusal) : new TaskPlacement(PlacementKind.RemoteOnly);
            case "peer":
                if (string.IsNullOrEmpty(request.Peer))
                {
                    throw new TaskRequestException("placement 'peer' needs a peer id or name");
                }

                if (request.Peer == _self || request.Peer == _selfName)
                {
                    return new TaskPlacement(PlacementKind.OnPeer, _self);
                }

                return Remote is null ? throw new TaskRequestException(RemoteRefusal) : new TaskPlacement(PlacementKind.OnPeer, ResolvePeer(request.Peer));
            default:
                throw new TaskRequestException($"placement '{request.Placement}' is unknown: use any, local, remote or peer");
        }
    }

    // A peer id, or a name that exactly one peer in the table goes by.
    private string ResolvePeer(string peer)
    {
        var rows = Remote!.Peers().Peers;
        if (rows.Any(p => p.Entry.Peer.ToString() == peer))
        {
            return peer;
        }

        var named = rows.Where(p => !p.IsSelf && p.Entry.Name == peer).ToList();
        return named.Count switch
        {
            1 => named[0].Entry.Peer.ToString(),
            0 => throw new TaskRequestException($"unknown peer '{peer}': no peer in this node's peer table has that id or name (see `mesh peers`)"),
            _ => throw new TaskRequestException(
                $"peer name '{peer}' is ambiguous: {string.Join(", ", named.Select(p => p.Entry.Peer.ToString()))} go by it; give the id"),
        };
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
