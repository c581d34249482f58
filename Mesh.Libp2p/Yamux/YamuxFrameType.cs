namespace Mesh.Libp2p.Yamux;

/// <summary>The yamux frame types (wire notes §7.1).</summary>
public enum YamuxFrameType : byte
{
    /// <summary>Stream payload; the header length is the number of payload bytes that follow.</summary>
    Data = 0,

    /// <summary>Adds the header length to the receiver's send window; also carries the stream flags.</summary>
    WindowUpdate = 1,

    /// <summary>Session ping (stream 0); the header length is an opaque value echoed back.</summary>
    Ping = 2,

    /// <summary>Session shutdown (stream 0); the header length is a <see cref="YamuxGoAwayCode"/>.</summary>
    GoAway = 3,
}
