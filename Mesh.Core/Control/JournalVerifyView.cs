namespace Mesh.Core.Control;

/// <summary>The answer to <c>GET /v1/journal/verify</c> (and <c>mesh journal verify --json</c>).</summary>
public sealed record JournalVerifyView
{
    /// <summary>The journal's owner (peer id).</summary>
    public required string Peer { get; init; }

    /// <summary>The owner's machine name (its id when unknown).</summary>
    public required string Name { get; init; }

    /// <summary>True when every entry checks out (and, for another peer, the chain ends at the head it announced).</summary>
    public bool Ok { get; init; }

    /// <summary>How many entries were read.</summary>
    public long Entries { get; init; }

    /// <summary>The height of the chain as read.</summary>
    public long Height { get; init; }

    /// <summary>The hash of the last entry read (hex).</summary>
    public required string Head { get; init; }

    /// <summary>The first bad entry; null when <see cref="Ok"/>.</summary>
    public JournalFaultView? FirstBad { get; init; }
}
