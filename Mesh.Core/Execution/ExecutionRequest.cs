namespace Mesh.Core.Execution;

/// <summary>One attempt at running one task on this machine.</summary>
public sealed record ExecutionRequest
{
    /// <summary>The task's id; letters, digits, '.', '_' and '-' (it names the working directory and the cgroup).</summary>
    public required string TaskId { get; init; }

    /// <summary>The attempt's id, unique within the task; same characters as <see cref="TaskId"/>.</summary>
    public required string AttemptId { get; init; }

    /// <summary>The program and its arguments, passed as they are (no shell interprets them). Must not be empty.</summary>
    public required IReadOnlyList<string> Argv { get; init; }

    /// <summary>
    /// The task's environment. Nothing of the node's environment is inherited: the task sees <c>PATH</c>,
    /// <c>HOME</c>, <c>LANG</c> and <c>TMPDIR</c> set by the executor, then these (which win).
    /// </summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Resource limits.</summary>
    public ExecutionLimits Limits { get; init; } = ExecutionLimits.None;

    /// <summary>The longest the task may run; null for no timeout.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Whether the task may use the network (only meaningful inside the bubblewrap sandbox).</summary>
    public bool AllowNetwork { get; init; }

    /// <summary>
    /// Files staged into the working directory before the start: hard-linked from their source when it is on the same
    /// file system (the source should then be read-only, as the node's input cache is), otherwise copied and given to
    /// the task's user. A file that cannot be staged makes the attempt fail to start.
    /// </summary>
    public IReadOnlyList<ExecutionInput> Inputs { get; init; } = [];

    /// <summary>Where stdout and stderr go.</summary>
    public IExecutionOutput Output { get; init; } = DiscardExecutionOutput.Instance;
}
