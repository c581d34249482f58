namespace Mesh.Libp2p.Yamux;

/// <summary>Why a yamux session ended.</summary>
public enum YamuxCloseReason
{
    /// <summary>The session is still running.</summary>
    None,

    /// <summary>This side closed it (dispose).</summary>
    LocalClose,

    /// <summary>The underlying channel reached end-of-stream or stopped accepting writes.</summary>
    RemoteClose,

    /// <summary>The remote sent a GoAway with an error code.</summary>
    RemoteGoAway,

    /// <summary>The remote broke the protocol; a GoAway(protocol error) was sent.</summary>
    ProtocolError,

    /// <summary>A keepalive ping was not answered in time.</summary>
    KeepAliveTimeout,

    /// <summary>A write to the underlying channel did not complete in time.</summary>
    WriteTimeout,

    /// <summary>Too many control frames (ping replies, refusals) waited to be written: the remote does not read.</summary>
    ControlBacklogExceeded,

    /// <summary>Reading from or writing to the underlying channel failed.</summary>
    TransportError,
}
