using Mesh.Core.Resources;

namespace Mesh.Core.Tasks;

/// <summary>
/// What to run: the command, its explicit environment (never the submitter's inherited wholesale), its inputs and
/// outputs, what it needs and where it may run. Check one with <see cref="TaskSpecValidator"/> before storing it.
/// </summary>
public sealed record TaskSpec
{
    /// <summary>The command and its arguments; <c>Argv[0]</c> is the program.</summary>
    public required IReadOnlyList<string> Argv { get; init; }

    /// <summary>The whole environment the task sees (names are letters, digits and <c>_</c>).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Files staged into the working directory before the start.</summary>
    public IReadOnlyList<TaskInputFile> Inputs { get; init; } = [];

    /// <summary>Globs, relative to the working directory, of the files returned to the submitter after the end.</summary>
    public IReadOnlyList<string> Outputs { get; init; } = [];

    /// <summary>
    /// The absolute directory on the origin's machine where the returned output files are written (null: none are
    /// returned). Not part of the run itself, so executors ignore it.
    /// </summary>
    public string? OutputDirectory { get; init; }

    /// <summary>What the task needs (cpu cores, memory and disk bytes, gpus); zero components ask for nothing.</summary>
    public ResourceVector Resources { get; init; }

    /// <summary>How long one attempt may run (null: no limit).</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>How many more attempts after a lost one (an executor that vanished or evicted the task); 0: none.</summary>
    public int MaxRetries { get; init; }

    /// <summary>Where the task may run.</summary>
    public TaskPlacement Placement { get; init; } = TaskPlacement.Anywhere;

    /// <summary>The array index this spec was made for by <see cref="TaskArray.Expand"/> (null: not part of an array).</summary>
    public long? ArrayIndex { get; init; }
}
