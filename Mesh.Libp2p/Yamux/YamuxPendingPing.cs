namespace Mesh.Libp2p.Yamux;

/// <summary>A ping this side sent and awaits the ACK of: its reply source and when it was queued.</summary>
internal readonly record struct YamuxPendingPing(TaskCompletionSource<TimeSpan> Reply, long SentAt);
