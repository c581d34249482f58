namespace Mesh.Bench.Lab;

/// <summary>One line a bench peer printed: its event name, the peer it names (if any), its data and its time.</summary>
/// <param name="Name">The event (<c>ready</c>, <c>peer:discovery</c>, <c>peer:connect</c>, <c>message</c>, ...), or null for a command reply.</param>
/// <param name="Peer">The peer the event names, or for <c>ready</c> the peer's own id.</param>
/// <param name="Data">A message's text.</param>
/// <param name="Nanoseconds">When the peer printed it, <see cref="MonotonicClock"/> ns.</param>
public sealed record LabPeerEvent(string? Name, string? Peer, string? Data, long Nanoseconds);
