namespace Mesh.Core.Tasks.Wire;

/// <summary>
/// Bounds on every length and count of a task protocol message, checked by the decoder before it allocates and by
/// the encoder before it writes (so this node never sends what a peer with the defaults refuses). docs/protocol.md,
/// "Task protocol", lists the defaults; another implementation should accept at least these.
/// </summary>
public sealed class TaskWireLimits
{
    /// <summary>The largest message (the frame's payload, after the length prefix) in bytes. Default 1 MiB.</summary>
    public int MaxMessageSize { get; set; } = 1024 * 1024;

    /// <summary>The largest data chunk of input, output or an output file in bytes. Default 256 KiB.</summary>
    public int MaxChunkSize { get; set; } = 256 * 1024;

    /// <summary>The most argv elements. Default 4,096 (as <see cref="TaskSpecLimits.MaxArgs"/>).</summary>
    public int MaxArgs { get; set; } = 4096;

    /// <summary>The most UTF-8 bytes of argv, summed. Default 128 KiB.</summary>
    public int MaxArgvBytes { get; set; } = 128 * 1024;

    /// <summary>The most environment entries. Default 256.</summary>
    public int MaxEnvironmentEntries { get; set; } = 256;

    /// <summary>The most UTF-8 bytes of the environment, names plus values. Default 64 KiB.</summary>
    public int MaxEnvironmentBytes { get; set; } = 64 * 1024;

    /// <summary>The most input files of a spec, and the most SHA-256s of one input request. Default 1,000.</summary>
    public int MaxInputs { get; set; } = 1000;

    /// <summary>The most output globs of a spec. Default 64.</summary>
    public int MaxOutputGlobs { get; set; } = 64;

    /// <summary>The most files in a result's output manifest. Default 1,000.</summary>
    public int MaxOutputFiles { get; set; } = 1000;

    /// <summary>The most UTF-8 bytes of a path (input name, output glob, output file name). Default 1,024.</summary>
    public int MaxPathBytes { get; set; } = 1024;

    /// <summary>The most UTF-8 bytes of a free text (messages, peer ids as text, GPU model). Default 4,096.</summary>
    public int MaxTextBytes { get; set; } = 4096;

    /// <summary>The most tasks of a steal offer. Default 256.</summary>
    public int MaxStealTasks { get; set; } = 256;

    /// <summary>The largest compute record a RunResult may carry (docs/protocol.md "Journal"). Default 4 KiB.</summary>
    public int MaxJournalRecordBytes { get; set; } = 4096;

    /// <summary>The most entries of a body map, known and unknown keys together. Default 64.</summary>
    public int MaxMapEntries { get; set; } = 64;

    /// <summary>The deepest nesting of arrays and maps inside a skipped unknown value. Default 8.</summary>
    public int MaxSkipDepth { get; set; } = 8;

    /// <summary>The default limits (do not change them; make a new instance).</summary>
    public static TaskWireLimits Default { get; } = new();

    /// <summary>Throws if a limit is out of range; the message names it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit is below its minimum or a chunk cannot fit a message.</exception>
    public void Validate()
    {
        RequireAtLeast(MaxMessageSize, 1024, nameof(MaxMessageSize));
        RequireAtLeast(MaxChunkSize, 1, nameof(MaxChunkSize));
        RequireAtLeast(MaxArgs, 1, nameof(MaxArgs));
        RequireAtLeast(MaxArgvBytes, 1, nameof(MaxArgvBytes));
        RequireAtLeast(MaxEnvironmentEntries, 0, nameof(MaxEnvironmentEntries));
        RequireAtLeast(MaxEnvironmentBytes, 0, nameof(MaxEnvironmentBytes));
        RequireAtLeast(MaxInputs, 0, nameof(MaxInputs));
        RequireAtLeast(MaxOutputGlobs, 0, nameof(MaxOutputGlobs));
        RequireAtLeast(MaxOutputFiles, 0, nameof(MaxOutputFiles));
        RequireAtLeast(MaxPathBytes, 1, nameof(MaxPathBytes));
        RequireAtLeast(MaxTextBytes, 64, nameof(MaxTextBytes));
        RequireAtLeast(MaxStealTasks, 1, nameof(MaxStealTasks));
        RequireAtLeast(MaxJournalRecordBytes, 256, nameof(MaxJournalRecordBytes));
        RequireAtLeast(MaxMapEntries, 16, nameof(MaxMapEntries));
        RequireAtLeast(MaxSkipDepth, 1, nameof(MaxSkipDepth));
        if (MaxChunkSize > MaxMessageSize - 256)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxChunkSize), MaxChunkSize, $"{nameof(TaskWireLimits)}.{nameof(MaxChunkSize)} must leave 256 bytes of {nameof(MaxMessageSize)} ({MaxMessageSize}) for the rest of the message.");
        }
    }

    private static void RequireAtLeast(int value, int minimum, string name)
    {
        if (value < minimum)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{nameof(TaskWireLimits)}.{name} must be at least {minimum}.");
        }
    }
}
