namespace Mesh.Libp2p.Yamux;

/// <summary>The error code a GoAway frame carries in its length field (wire notes §7.1).</summary>
public enum YamuxGoAwayCode : uint
{
    /// <summary>Normal termination.</summary>
    Normal = 0,

    /// <summary>The peer broke the protocol.</summary>
    ProtocolError = 1,

    /// <summary>An internal error on the sender's side.</summary>
    InternalError = 2,
}
