namespace Mesh.Core.Journal.Audit;

/// <summary>Limits and timeouts of <c>/mesh/journal/1.0.0</c>, for both the serving and the fetching side.</summary>
public sealed class JournalFetchOptions
{
    /// <summary>The protocol's own ceiling on entries per request and answer (docs/protocol.md, "Journal").</summary>
    public const int ProtocolMaxEntriesPerPage = 1024;

    /// <summary>The protocol's ceiling on one entry's size: 8 KiB.</summary>
    public const int ProtocolMaxEntrySize = 8 * 1024;

    /// <summary>The most entries asked for or accepted in one answer. Default 1024 (the protocol's ceiling).</summary>
    public int MaxEntriesPerPage { get; set; } = ProtocolMaxEntriesPerPage;

    /// <summary>The largest frame (one MessagePack message, length prefix excluded) read or written. Default 1 MiB.</summary>
    public int MaxFrameSize { get; set; } = 1024 * 1024;

    /// <summary>The largest entry accepted in an answer. Default 8 KiB (the protocol's ceiling).</summary>
    public int MaxEntrySize { get; set; } = ProtocolMaxEntrySize;

    /// <summary>How long one request may take, from opening the stream to the end of the answer (both sides). Default 10 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The most requests served at once; a stream opened past that is reset. Default 8.</summary>
    public int MaxConcurrentRequests { get; set; } = 8;

    /// <summary>Throws if an option is out of range; the message names it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public void Validate()
    {
        RequireRange(MaxEntriesPerPage, 1, ProtocolMaxEntriesPerPage, nameof(MaxEntriesPerPage));
        RequireRange(MaxEntrySize, 64, ProtocolMaxEntrySize, nameof(MaxEntrySize));
        RequireRange(MaxFrameSize, 2 * ProtocolMaxEntrySize, 64 * 1024 * 1024, nameof(MaxFrameSize));
        RequireRange(MaxConcurrentRequests, 1, 1024, nameof(MaxConcurrentRequests));
        if (RequestTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(RequestTimeout), RequestTimeout, $"{nameof(JournalFetchOptions)}.{nameof(RequestTimeout)} must be positive.");
        }
    }

    private static void RequireRange(int value, int minimum, int maximum, string name)
    {
        if (value < minimum || value > maximum)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{nameof(JournalFetchOptions)}.{name} must be between {minimum} and {maximum}.");
        }
    }
}
