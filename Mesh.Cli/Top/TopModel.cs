using Mesh.Core.Control;

namespace Mesh.Cli.Top;

/// <summary>Everything one frame of <c>mesh top</c> shows; <see cref="TopRenderer"/> turns it into lines.</summary>
public sealed record TopModel
{
    /// <summary>The person's state: rows, selection, sort, detail pane.</summary>
    public required TopState State { get; init; }

    /// <summary>The last peer table the node sent; null until the first answer.</summary>
    public PeersView? View { get; init; }

    /// <summary>Where the node is, for the header and messages.</summary>
    public string Endpoint { get; init; } = "";

    /// <summary>The one-line error of the last refresh; null when it succeeded.</summary>
    public string? Error { get; init; }

    /// <summary>When <see cref="View"/> arrived, in local time (shown in the header).</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Now (for "last seen" ages).</summary>
    public DateTimeOffset Now { get; init; }

    /// <summary>How often the table is refreshed (shown in the header).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>True for a one-off print (output not a terminal): no selection marker and no key footer.</summary>
    public bool Snapshot { get; init; }
}
