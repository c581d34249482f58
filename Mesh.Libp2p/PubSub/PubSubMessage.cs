using Mesh.Libp2p.Identity;

namespace Mesh.Libp2p.PubSub;

/// <summary>A validated message delivered to a subscription.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="From">The author, whose signature was verified.</param>
/// <param name="Data">The payload.</param>
/// <param name="SequenceNumber">The author's sequence number.</param>
/// <param name="MessageId">The message id (js StrictSign form, wire notes §10.5).</param>
/// <param name="ReceivedFrom">The peer that forwarded it.</param>
public sealed record PubSubMessage(
    string Topic,
    PeerId From,
    ReadOnlyMemory<byte> Data,
    ulong SequenceNumber,
    ReadOnlyMemory<byte> MessageId,
    PeerId ReceivedFrom);
