using Mesh.Libp2p.Identity;

namespace Mesh.Core.Network;

/// <summary>A message received on a topic. The router has verified that <see cref="From"/> signed it.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="From">The author: the peer that published the message and whose signature the router verified.</param>
/// <param name="ReceivedFrom">The neighbour that forwarded it (the author itself, or a relay).</param>
/// <param name="Data">The payload.</param>
public sealed record MeshPubSubMessage(string Topic, PeerId From, PeerId ReceivedFrom, ReadOnlyMemory<byte> Data);
