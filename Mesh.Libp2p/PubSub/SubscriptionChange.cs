namespace Mesh.Libp2p.PubSub;

/// <summary>An RPC <c>SubOpts</c> entry: a peer joined (<paramref name="Subscribe"/> true) or left a topic (wire notes §10.3).</summary>
/// <param name="Subscribe">True to subscribe, false to unsubscribe.</param>
/// <param name="Topic">The topic; null when the entry carried none (such entries mean nothing and are ignored).</param>
public sealed record SubscriptionChange(bool Subscribe, string? Topic);
