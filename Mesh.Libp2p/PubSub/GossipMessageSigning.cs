using System.Buffers.Binary;
using Mesh.Libp2p.Identity;

namespace Mesh.Libp2p.PubSub;

/// <summary>StrictSign: signing own messages and verifying received ones (wire notes §10.4, js default policy).</summary>
public static class GossipMessageSigning
{
    /// <summary>The seqno length StrictSign requires.</summary>
    public const int SeqnoLength = 8;

    /// <summary>Builds and signs a message by <paramref name="author"/>. <c>key</c> is included, as js does.</summary>
    public static GossipMessage Sign(IdentityKey author, string topic, ReadOnlySpan<byte> data, ulong seqno)
    {
        var seqnoBytes = new byte[SeqnoLength];
        BinaryPrimitives.WriteUInt64BigEndian(seqnoBytes, seqno);
        var unsigned = new GossipMessage(author.PeerId.Bytes.ToArray(), data.ToArray(), seqnoBytes, topic, null, null);
        var signature = author.Sign(GossipRpcEncoder.EncodeForSigning(unsigned));
        return unsigned with { Signature = signature, Key = author.PublicKey.ToProtobuf() };
    }

    /// <summary>
    /// Verifies a received message. On <see cref="MessageValidationResult.Valid"/>, gives its author and author's key.
    /// The key is <c>key</c> when present (it must derive to <c>from</c>), else the key inlined in <c>from</c>.
    /// </summary>
    public static MessageValidationResult Validate(GossipMessage message, out PeerId? author, out PublicKey? key)
    {
        author = null;
        key = null;
        if (message.From is null || message.Seqno is null || message.Signature is null)
        {
            return MessageValidationResult.NotSigned;
        }

        if (message.Seqno.Length != SeqnoLength)
        {
            return MessageValidationResult.BadSequenceNumber;
        }

        if (!PeerId.TryFromBytes(message.From, out author))
        {
            return MessageValidationResult.BadAuthor;
        }

        if (message.Key is not null)
        {
            if (!PublicKey.TryParseProtobuf(message.Key, out key) || key!.ToPeerId() != author)
            {
                return MessageValidationResult.BadAuthor;
            }
        }
        else
        {
            key = author!.TryGetInlinePublicKey();
            if (key is null)
            {
                return MessageValidationResult.BadAuthor;
            }
        }

        return key.Verify(GossipRpcEncoder.EncodeForSigning(message), message.Signature)
            ? MessageValidationResult.Valid
            : MessageValidationResult.InvalidSignature;
    }
}
