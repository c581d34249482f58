namespace Mesh.Core.Control;

/// <summary>
/// The body of <c>POST /v1/tasks</c>: one task, or an array of tasks when <see cref="Array"/> is set. Everything is
/// explicit: the node adds no environment of its own, and paths are absolute paths on the node's machine (the
/// <c>mesh</c> command resolves them against its working directory).
/// </summary>
public sealed record SubmitTaskRequest
{
    /// <summary>The program and its arguments; not run through a shell. <c>{}</c> is replaced by the array index.</summary>
    public IReadOnlyList<string> Argv { get; init; } = [];

    /// <summary>The task's whole environment (the node adds only PATH, HOME, LANG and TMPDIR defaults).</summary>
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    /// <summary>Cores requested (fractions allowed); null for the default (1).</summary>
    public double? Cpu { get; init; }

    /// <summary>Memory requested in bytes; null for no request.</summary>
    public long? Memory { get; init; }

    /// <summary>Disk requested in bytes; null for no request.</summary>
    public long? Disk { get; init; }

    /// <summary>GPUs requested; null for none.</summary>
    public int? Gpu { get; init; }

    /// <summary>Wall-clock limit in seconds; null for none.</summary>
    public double? TimeoutSeconds { get; init; }

    /// <summary>How often a lost attempt is retried; null for the default.</summary>
    public int? Retries { get; init; }

    /// <summary><c>any</c> (default: remote when a peer can take it, else local), <c>local</c>, <c>remote</c> (remote only) or <c>peer</c> (see <see cref="Peer"/>).</summary>
    public string Placement { get; init; } = "any";

    /// <summary>With placement <c>peer</c>: the peer id or the machine name to run on.</summary>
    public string? Peer { get; init; }

    /// <summary>An array range such as <c>1-1000</c>, <c>1-10:2</c> or <c>1,3,5-7</c>; null for one task.</summary>
    public string? Array { get; init; }

    /// <summary>Input files: absolute paths on the submitting machine, staged into the task's working dir by name.</summary>
    public IReadOnlyList<string> Inputs { get; init; } = [];

    /// <summary>Globs, relative to the task's working dir, of files to return.</summary>
    public IReadOnlyList<string> Outputs { get; init; } = [];

    /// <summary>An absolute directory where returned output files are written; required when <see cref="Outputs"/> is not empty.</summary>
    public string? OutputDir { get; init; }
}
