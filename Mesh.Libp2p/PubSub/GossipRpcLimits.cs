namespace Mesh.Libp2p.PubSub;

/// <summary>
/// Decode limits of one RPC. The defaults are js-libp2p gossipsub's (wire notes §10.2): an RPC over any of them
/// is rejected as a whole, as js rejects it.
/// </summary>
public sealed class GossipRpcLimits
{
    /// <summary>The largest RPC (protobuf bytes, without the length prefix). Default 4 MiB, what js accepts and may send.</summary>
    public int MaxRpcSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>The most entries in each list: subscriptions, messages, IHAVE/IWANT/GRAFT/PRUNE entries, and ids in one IHAVE or IWANT. Default 5000.</summary>
    public int MaxListLength { get; set; } = 5000;

    /// <summary>The most peer exchange entries in one PRUNE. Default 16.</summary>
    public int MaxPrunePeers { get; set; } = 16;

    /// <summary>Throws if a limit is out of range; the message names it.</summary>
    public void Validate()
    {
        RequireAtLeastOne(MaxRpcSize, nameof(MaxRpcSize));
        RequireAtLeastOne(MaxListLength, nameof(MaxListLength));
        if (MaxPrunePeers < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxPrunePeers), MaxPrunePeers, $"{nameof(GossipRpcLimits)}.{nameof(MaxPrunePeers)} must not be negative.");
        }
    }

    private static void RequireAtLeastOne(int value, string name)
    {
        if (value < 1)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{nameof(GossipRpcLimits)}.{name} must be at least 1.");
        }
    }
}
