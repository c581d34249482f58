namespace Mesh.Cli.Client;

/// <summary>What <see cref="NdjsonLines.TryReadLine"/> found.</summary>
public enum NdjsonLineStatus
{
    /// <summary>A whole line was taken from the buffer.</summary>
    Line,

    /// <summary>No whole line yet: read more.</summary>
    NeedMore,

    /// <summary>The line under way is longer than the limit: the stream is to be abandoned.</summary>
    TooLong,
}
