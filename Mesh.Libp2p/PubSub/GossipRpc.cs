namespace Mesh.Libp2p.PubSub;

/// <summary>
/// One pubsub RPC: subscription changes, published messages and gossipsub control (wire notes §10.3).
/// Encode with <see cref="GossipRpcEncoder"/>, decode with <see cref="GossipRpcDecoder"/>.
/// </summary>
/// <param name="Subscriptions">Subscription changes.</param>
/// <param name="Messages">Messages.</param>
/// <param name="Control">Control entries, or null when absent.</param>
public sealed record GossipRpc(
    IReadOnlyList<SubscriptionChange> Subscriptions,
    IReadOnlyList<GossipMessage> Messages,
    ControlMessage? Control)
{
    /// <summary>An RPC carrying only <paramref name="changes"/>.</summary>
    public static GossipRpc OfSubscriptions(params SubscriptionChange[] changes) => new(changes, [], null);

    /// <summary>An RPC carrying only <paramref name="messages"/>.</summary>
    public static GossipRpc OfMessages(params GossipMessage[] messages) => new([], messages, null);

    /// <summary>An RPC carrying only <paramref name="control"/>.</summary>
    public static GossipRpc OfControl(ControlMessage control) => new([], [], control);
}
