namespace Mesh.Libp2p.Yamux;

/// <summary>Outcome of reading or validating a yamux frame.</summary>
public enum YamuxFrameStatus
{
    /// <summary>A complete, valid frame (or header) was read.</summary>
    Ok,

    /// <summary>The input ends inside the frame; read more and try again.</summary>
    NeedMore,

    /// <summary>The header's version is not 0.</summary>
    UnsupportedVersion,

    /// <summary>The header's type is none of Data, WindowUpdate, Ping, GoAway.</summary>
    UnknownType,

    /// <summary>A Data frame announces more payload than the receiver allows (its window or the configured maximum).</summary>
    DataTooLarge,
}
