namespace Mesh.Libp2p.Yamux;

/// <summary>The yamux header flags (wire notes §7.1).</summary>
[Flags]
public enum YamuxFlags : ushort
{
    /// <summary>No flag.</summary>
    None = 0,

    /// <summary>Opens a stream; on a ping, marks a request.</summary>
    Syn = 0x1,

    /// <summary>Accepts a stream; on a ping, marks a reply.</summary>
    Ack = 0x2,

    /// <summary>Half-closes the sender's side of a stream.</summary>
    Fin = 0x4,

    /// <summary>Resets a stream at once.</summary>
    Rst = 0x8,
}
