using Mesh.Libp2p.Encoding;
using Mesh.Libp2p.Protobuf;

namespace Mesh.Libp2p.PubSub;

/// <summary>
/// Hand-encodes pubsub RPCs canonically: fields in ascending order, minimal varints, absent fields left out and
/// present-but-empty fields kept (wire notes §10.3, §10.4). js re-encodes a message's fields 1 to 4 to check its
/// signature, so any other encoding would break verification.
/// </summary>
public static class GossipRpcEncoder
{
    /// <summary>Encodes <paramref name="rpc"/> (without a length prefix).</summary>
    public static byte[] Encode(GossipRpc rpc)
    {
        var writer = new ProtoWriter();
        foreach (var change in rpc.Subscriptions)
        {
            writer.WriteMessage(1, w => WriteSubscription(w, change));
        }

        foreach (var message in rpc.Messages)
        {
            writer.WriteBytes(2, EncodeMessage(message));
        }

        if (rpc.Control is { } control)
        {
            writer.WriteMessage(3, w => WriteControl(w, control));
        }

        return writer.ToArray();
    }

    /// <summary>Encodes <paramref name="rpc"/> with its uvarint length prefix, ready for the stream (§10.2).</summary>
    public static byte[] EncodeFramed(GossipRpc rpc) => LengthPrefixed.Encode(Encode(rpc));

    /// <summary>Encodes a whole message, fields 1 to 6.</summary>
    public static byte[] EncodeMessage(GossipMessage message)
    {
        var writer = new ProtoWriter();
        WriteSignedFields(writer, message);
        WriteOptional(writer, 5, message.Signature);
        WriteOptional(writer, 6, message.Key);
        return writer.ToArray();
    }

    /// <summary>
    /// The bytes a StrictSign signature covers: "libp2p-pubsub:" ‖ the message with only fields 1 to 4 (§10.4).
    /// </summary>
    public static byte[] EncodeForSigning(GossipMessage message)
    {
        var writer = new ProtoWriter();
        WriteSignedFields(writer, message);
        return [.. GossipProtocols.SignaturePrefix, .. writer.WrittenSpan];
    }

    /// <summary>Encodes a message's fields 1 to 4 only (what the signature covers, without the prefix).</summary>
    public static byte[] EncodeUnsigned(GossipMessage message)
    {
        var writer = new ProtoWriter();
        WriteSignedFields(writer, message);
        return writer.ToArray();
    }

    private static void WriteSignedFields(ProtoWriter writer, GossipMessage message)
    {
        WriteOptional(writer, 1, message.From);
        WriteOptional(writer, 2, message.Data);
        WriteOptional(writer, 3, message.Seqno);

        // topic is `required`: always written, even when empty.
        writer.WriteString(4, message.Topic);
    }

    private static void WriteSubscription(ProtoWriter writer, SubscriptionChange change)
    {
        writer.WriteBool(1, change.Subscribe);
        if (change.Topic is not null)
        {
            writer.WriteString(2, change.Topic);
        }
    }

    private static void WriteControl(ProtoWriter writer, ControlMessage control)
    {
        foreach (var ihave in control.IHave)
        {
            writer.WriteMessage(1, w =>
            {
                WriteOptionalString(w, 1, ihave.Topic);
                foreach (var id in ihave.MessageIds)
                {
                    w.WriteBytes(2, id);
                }
            });
        }

        foreach (var iwant in control.IWant)
        {
            writer.WriteMessage(2, w =>
            {
                foreach (var id in iwant.MessageIds)
                {
                    w.WriteBytes(1, id);
                }
            });
        }

        foreach (var graft in control.Graft)
        {
            writer.WriteMessage(3, w => WriteOptionalString(w, 1, graft.Topic));
        }

        foreach (var prune in control.Prune)
        {
            writer.WriteMessage(4, w => WritePrune(w, prune));
        }
    }

    private static void WritePrune(ProtoWriter writer, ControlPrune prune)
    {
        WriteOptionalString(writer, 1, prune.Topic);
        foreach (var peer in prune.Peers)
        {
            writer.WriteMessage(2, w =>
            {
                WriteOptional(w, 1, peer.PeerId);
                WriteOptional(w, 2, peer.SignedPeerRecord);
            });
        }

        if (prune.BackoffSeconds is { } backoff)
        {
            writer.WriteVarint(3, backoff);
        }
    }

    private static void WriteOptional(ProtoWriter writer, int field, byte[]? value)
    {
        if (value is not null)
        {
            writer.WriteBytes(field, value);
        }
    }

    private static void WriteOptionalString(ProtoWriter writer, int field, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(field, value);
        }
    }
}
