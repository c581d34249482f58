using System.Text;
using Mesh.Libp2p.Identity;

namespace Mesh.Core.Tasks;

/// <summary>
/// Checks a spec on its own (no knowledge of the mesh): every problem found, each a one-line message for people,
/// naming the field and saying what to do. Whether a peer exists or can meet the request is the scheduler's question.
/// </summary>
public static class TaskSpecValidator
{
    /// <summary>Every self-contained problem with <paramref name="spec"/>; empty when it is valid.</summary>
    public static IReadOnlyList<string> Validate(TaskSpec spec, TaskSpecLimits limits)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(limits);
        var errors = new List<string>();
        CheckArgv(spec, limits, errors);
        CheckEnvironment(spec, limits, errors);
        CheckInputs(spec, limits, errors);
        CheckOutputs(spec, limits, errors);
        CheckResources(spec, errors);
        CheckRun(spec, limits, errors);
        CheckPlacement(spec, errors);
        return errors;
    }

    private static void CheckArgv(TaskSpec spec, TaskSpecLimits limits, List<string> errors)
    {
        if (spec.Argv is null || spec.Argv.Count == 0)
        {
            errors.Add("argv is empty: give a command after --");
            return;
        }

        if (spec.Argv.Count > limits.MaxArgs)
        {
            errors.Add($"argv has {spec.Argv.Count} elements; the most is {limits.MaxArgs}");
        }

        if (string.IsNullOrEmpty(spec.Argv[0]))
        {
            errors.Add("argv[0] is empty: the command may not be an empty string");
        }

        long bytes = 0;
        for (var i = 0; i < spec.Argv.Count; i++)
        {
            var argument = spec.Argv[i] ?? "";
            bytes += Encoding.UTF8.GetByteCount(argument);
            if (argument.Contains('\0', StringComparison.Ordinal))
            {
                errors.Add($"argv[{i}] contains a NUL character, which a command line cannot carry");
            }
        }

        if (bytes > limits.MaxArgvBytes)
        {
            errors.Add($"argv is {bytes} bytes; the most is {limits.MaxArgvBytes}");
        }
    }

    private static void CheckEnvironment(TaskSpec spec, TaskSpecLimits limits, List<string> errors)
    {
        var environment = spec.Environment ?? new Dictionary<string, string>();
        if (environment.Count > limits.MaxEnvironmentEntries)
        {
            errors.Add($"the environment has {environment.Count} entries; the most is {limits.MaxEnvironmentEntries}");
        }

        long bytes = 0;
        foreach (var (name, value) in environment.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            bytes += Encoding.UTF8.GetByteCount(name) + Encoding.UTF8.GetByteCount(value ?? "");
            if (!IsEnvironmentName(name))
            {
                errors.Add($"environment name '{Printable(name)}': use letters, digits and _, not starting with a digit");
            }

            if ((value ?? "").Contains('\0', StringComparison.Ordinal))
            {
                errors.Add($"environment value of {Printable(name)} contains a NUL character");
            }
        }

        if (bytes > limits.MaxEnvironmentBytes)
        {
            errors.Add($"the environment is {bytes} bytes; the most is {limits.MaxEnvironmentBytes}");
        }
    }

    private static void CheckInputs(TaskSpec spec, TaskSpecLimits limits, List<string> errors)
    {
        var inputs = spec.Inputs ?? [];
        if (inputs.Count > limits.MaxInputs)
        {
            errors.Add($"{inputs.Count} input files; the most is {limits.MaxInputs}");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            var name = input.Name ?? "";
            if (PathProblem(name, limits) is { } problem)
            {
                errors.Add($"input '{Printable(name)}': {problem}");
            }
            else if (!names.Add(name))
            {
                errors.Add($"input '{Printable(name)}' is given twice");
            }

            if (!IsSha256Hex(input.Sha256))
            {
                errors.Add($"input '{Printable(name)}': sha256 must be 64 lowercase hex characters");
            }

            if (input.Size < 0)
            {
                errors.Add($"input '{Printable(name)}': size {input.Size} is negative");
            }
        }
    }

    private static void CheckOutputs(TaskSpec spec, TaskSpecLimits limits, List<string> errors)
    {
        var outputs = spec.Outputs ?? [];
        if (outputs.Count > limits.MaxOutputs)
        {
            errors.Add($"{outputs.Count} output globs; the most is {limits.MaxOutputs}");
        }

        foreach (var glob in outputs)
        {
            if (PathProblem(glob, limits) is { } problem)
            {
                errors.Add($"output '{Printable(glob ?? "")}': {problem}");
            }
        }
    }

    private static void CheckResources(TaskSpec spec, List<string> errors)
    {
        var request = spec.Resources;
        if (!double.IsFinite(request.Cpu) || request.Cpu < 0)
        {
            errors.Add($"cpu request {request.Cpu} must be a number of cores of at least 0");
        }

        if (request.Memory < 0)
        {
            errors.Add($"memory request {request.Memory} is negative");
        }

        if (request.Disk < 0)
        {
            errors.Add($"disk request {request.Disk} is negative");
        }

        if (request.Gpu < 0)
        {
            errors.Add($"gpu request {request.Gpu} is negative");
        }
    }

    private static void CheckRun(TaskSpec spec, TaskSpecLimits limits, List<string> errors)
    {
        if (spec.Timeout is { } timeout && (timeout <= TimeSpan.Zero || timeout > limits.MaxTimeout))
        {
            errors.Add($"timeout {timeout} must be more than 0 and at most {limits.MaxTimeout}");
        }

        if (spec.MaxRetries < 0 || spec.MaxRetries > limits.MaxRetries)
        {
            errors.Add($"retries {spec.MaxRetries} must be from 0 to {limits.MaxRetries}");
        }
    }

    private static void CheckPlacement(TaskSpec spec, List<string> errors)
    {
        var placement = spec.Placement ?? TaskPlacement.Anywhere;
        if (!Enum.IsDefined(placement.Kind))
        {
            errors.Add($"placement {(int)placement.Kind} is unknown");
        }
        else if (placement.Kind == PlacementKind.OnPeer && !PeerId.TryParse(placement.Peer, out _))
        {
            errors.Add($"--on '{Printable(placement.Peer ?? "")}' is not a peer id");
        }
        else if (placement.Kind != PlacementKind.OnPeer && placement.Peer is not null)
        {
            errors.Add("a peer is named but the placement is not 'on a peer'");
        }

        if (placement.Requirements is { } requirements)
        {
            if (requirements.MinGpuMemory < 0)
            {
                errors.Add($"required gpu memory {requirements.MinGpuMemory} is negative");
            }

            if (!double.IsFinite(requirements.MinScore) || requirements.MinScore < 0)
            {
                errors.Add($"required score {requirements.MinScore} must be at least 0");
            }

            if (requirements.GpuModel is { Length: 0 } || requirements.GpuModel?.Contains('\0', StringComparison.Ordinal) == true)
            {
                errors.Add("required gpu model must be a non-empty name");
            }
        }
    }

    private static string? PathProblem(string? path, TaskSpecLimits limits)
    {
        if (path is not null && Encoding.UTF8.GetByteCount(path) > limits.MaxPathBytes)
        {
            return $"a path may be at most {limits.MaxPathBytes} bytes";
        }

        return TaskPaths.Problem(path);
    }

    private static bool IsEnvironmentName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static bool IsSha256Hex(string? text) =>
        text is { Length: 64 } && text.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    // Messages are one line: control characters in a name (a newline, NUL) are shown escaped.
    private static string Printable(string text)
    {
        var shown = text.Length > 80 ? text[..80] + "…" : text;
        return shown.Any(char.IsControl)
            ? string.Concat(shown.Select(c => char.IsControl(c) ? $"\\x{(int)c:x2}" : c.ToString()))
            : shown;
    }
}
