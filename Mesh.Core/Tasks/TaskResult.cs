using System.Text.Json.Serialization;

namespace Mesh.Core.Tasks;

/// <summary>How one attempt ended: exit code or signal, why, what it used and the files it returned.</summary>
public sealed record TaskResult
{
    /// <summary>Why the attempt ended.</summary>
    public TaskEndReason Reason { get; init; }

    /// <summary>The exit code when the process exited (null when killed or never started).</summary>
    public int? ExitCode { get; init; }

    /// <summary>The signal number that killed it (null when it exited).</summary>
    public int? Signal { get; init; }

    /// <summary>A short explanation for people (for example why the start failed); null when none.</summary>
    public string? Message { get; init; }

    /// <summary>What the attempt used.</summary>
    public TaskUsage Usage { get; init; } = TaskUsage.None;

    /// <summary>The output files, each with its SHA-256.</summary>
    public IReadOnlyList<TaskOutputFile> Outputs { get; init; } = [];

    /// <summary>True when the process exited with code 0.</summary>
    [JsonIgnore]
    public bool Succeeded => Reason == TaskEndReason.Exited && ExitCode == 0;
}
