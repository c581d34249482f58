namespace Mesh.Libp2p.Yamux;

/// <summary>Limits and timeouts of a <see cref="YamuxSession"/>. Defaults follow js-libp2p-yamux 8 and go-yamux (wire notes §7.3, §7.4).</summary>
public sealed class YamuxOptions
{
    /// <summary>The spec's initial per-stream window, in each direction: 256 KiB (§7.2). Fixed: both sides assume it.</summary>
    public const uint InitialWindowSize = 256 * 1024;

    /// <summary>
    /// The largest receive window a stream grows to when its consumer keeps up (the window doubles when it
    /// was used within four round trips). Default 16 MiB, like js and go. At least <see cref="InitialWindowSize"/>.
    /// </summary>
    public uint MaxReceiveWindowSize { get; set; } = 16 * 1024 * 1024;

    /// <summary>The most streams opened by the remote that may be open at once; more are refused with RST. Default 1000.</summary>
    public int MaxInboundStreams { get; set; } = 1000;

    /// <summary>The most streams this side may have open at once; more fail to open. Default 1000.</summary>
    public int MaxOutboundStreams { get; set; } = 1000;

    /// <summary>The most streams opened by the remote and not yet accepted; more are refused with RST. Default 256.</summary>
    public int AcceptBacklog { get; set; } = 256;

    /// <summary>The most streams this side opened that the remote has not acknowledged yet; opening more waits (§7.5). Default 256.</summary>
    public int MaxUnacknowledgedOutboundStreams { get; set; } = 256;

    /// <summary>How often a keepalive ping is sent (the first at start, like js). Default 30 s; <see cref="TimeSpan.Zero"/> disables keepalive.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a ping may wait for its reply; an unanswered keepalive ping closes the session. Default 10 s.</summary>
    public TimeSpan PingTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The most pings in flight at once. Default 16.</summary>
    public int MaxOutstandingPings { get; set; } = 16;

    /// <summary>How long one write to the underlying channel may block; longer closes the session. Default 10 s; <see cref="Timeout.InfiniteTimeSpan"/> disables.</summary>
    public TimeSpan WriteTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long closing may take: the final GoAway and half-close of the session, the final flush and FIN of a disposed stream. Default 5 s.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a disposed stream waits for the remote's FIN before it is reset. Default 5 min, like go.</summary>
    public TimeSpan StreamCloseTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The largest Data frame payload this side sends (further limited by the send window). Default 64 KiB, like js and go.</summary>
    public int MaxSendFrameSize { get; set; } = 64 * 1024;

    /// <summary>The most control frames (ping replies, refusals, GoAway) queued for writing; more means the remote does not read, and the session closes. Default 4096; at least 16.</summary>
    public int MaxPendingControlFrames { get; set; } = 4096;

    /// <summary>Throws when an option is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the message names it.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxReceiveWindowSize, InitialWindowSize, nameof(MaxReceiveWindowSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxInboundStreams, 1, nameof(MaxInboundStreams));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxOutboundStreams, 1, nameof(MaxOutboundStreams));
        ArgumentOutOfRangeException.ThrowIfLessThan(AcceptBacklog, 1, nameof(AcceptBacklog));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxUnacknowledgedOutboundStreams, 1, nameof(MaxUnacknowledgedOutboundStreams));
        ArgumentOutOfRangeException.ThrowIfLessThan(KeepAliveInterval, TimeSpan.Zero, nameof(KeepAliveInterval));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(PingTimeout, TimeSpan.Zero, nameof(PingTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxOutstandingPings, 1, nameof(MaxOutstandingPings));
        ThrowIfNotPositiveOrInfinite(WriteTimeout, nameof(WriteTimeout));
        ThrowIfNotPositiveOrInfinite(CloseTimeout, nameof(CloseTimeout));
        ThrowIfNotPositiveOrInfinite(StreamCloseTimeout, nameof(StreamCloseTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxSendFrameSize, 1, nameof(MaxSendFrameSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPendingControlFrames, 16, nameof(MaxPendingControlFrames));
    }

    private static void ThrowIfNotPositiveOrInfinite(TimeSpan value, string name)
    {
        if (value != Timeout.InfiniteTimeSpan && value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive or Timeout.InfiniteTimeSpan.");
        }
    }
}
