using Mesh.Libp2p.Identity;

namespace Mesh.Libp2p.PubSub;

/// <summary>A message in the <see cref="MessageCache"/>: its topic, id, ready-to-send frame, and IWANT answers given per peer.</summary>
internal sealed class CachedMessage(string topic, byte[] id, byte[] frame)
{
    public string Topic { get; } = topic;

    public byte[] Id { get; } = id;

    /// <summary>A framed RPC carrying just this message.</summary>
    public byte[] Frame { get; } = frame;

    /// <summary>Times the message was sent to each peer in answer to IWANT (bounded by gossip_retransmission).</summary>
    public Dictionary<PeerId, int> Served { get; } = [];
}
