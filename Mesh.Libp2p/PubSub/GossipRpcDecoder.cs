using Mesh.Libp2p.Protobuf;

namespace Mesh.Libp2p.PubSub;

/// <summary>
/// Decodes pubsub RPCs from untrusted bytes. Total: never throws on malformed input; returns false when the bytes
/// are not a valid RPC or break a <see cref="GossipRpcLimits"/> limit (the whole RPC is rejected, as js does).
/// Unknown fields are skipped; IDONTWANT (v1.2, control field 5) is skipped as unknown.
/// </summary>
public static partial class GossipRpcDecoder
{
    /// <summary>Decodes one RPC (without its length prefix).</summary>
    public static bool TryDecode(ReadOnlySpan<byte> protobuf, GossipRpcLimits limits, out GossipRpc? rpc)
    {
        rpc = null;
        if (protobuf.Length > limits.MaxRpcSize)
        {
            return false;
        }

        var subscriptions = new List<SubscriptionChange>();
        var messages = new List<GossipMessage>();
        ControlMessage? control = null;
        var reader = new ProtoReader(protobuf);
        while (!reader.End)
        {
            if (!reader.TryReadTag(out var field, out var wireType))
            {
                return false;
            }

            if (field is < 1 or > 3)
            {
                if (!reader.TrySkip(wireType))
                {
                    return false;
                }

                continue;
            }

            if (wireType != WireType.LengthDelimited || !reader.TryReadBytes(out var body))
            {
                return false;
            }

            switch (field)
            {
                case 1:
                    if (subscriptions.Count >= limits.MaxListLength || !TryDecodeSubscription(body, out var change))
                    {
                        return false;
                    }

                    subscriptions.Add(change!);
                    break;
                case 2:
                    if (messages.Count >= limits.MaxListLength || !TryDecodeMessage(body, out var message))
                    {
                        return false;
                    }

                    messages.Add(message!);
                    break;
                default:
                    // A repeated singular message field merges in protobuf; keeping the last is enough for control.
                    if (!TryDecodeControl(body, limits, out control))
                    {
                        return false;
                    }

                    break;
            }
        }

        rpc = new GossipRpc(subscriptions, messages, control);
        return true;
    }

    /// <summary>Decodes one <c>Message</c>.</summary>
    public static bool TryDecodeMessage(ReadOnlySpan<byte> protobuf, out GossipMessage? message)
    {
        message = null;
        byte[]? from = null, data = null, seqno = null, signature = null, key = null;
        var topic = string.Empty;
        var reader = new ProtoReader(protobuf);
        while (!reader.End)
        {
            if (!reader.TryReadTag(out var field, out var wireType))
            {
                return false;
            }

            if (field is < 1 or > 6)
            {
                if (!reader.TrySkip(wireType))
                {
                    return false;
                }

                continue;
            }

            if (wireType != WireType.LengthDelimited)
            {
                return false;
            }

            bool ok;
            switch (field)
            {
                case 1: ok = TryReadArray(ref reader, out from); break;
                case 2: ok = TryReadArray(ref reader, out data); break;
                case 3: ok = TryReadArray(ref reader, out seqno); break;
                case 4: ok = reader.TryReadString(out topic); break;
                case 5: ok = TryReadArray(ref reader, out signature); break;
                default: ok = TryReadArray(ref reader, out key); break;
            }

            if (!ok)
            {
                return false;
            }
        }

        message = new GossipMessage(from, data, seqno, topic, signature, key);
        return true;
    }

    private static bool TryDecodeSubscription(ReadOnlySpan<byte> protobuf, out SubscriptionChange? change)
    {
        change = null;
        var subscribe = false;
        string? topic = null;
        var reader = new ProtoReader(protobuf);
        while (!reader.End)
        {
            if (!reader.TryReadTag(out var field, out var wireType))
            {
                return false;
            }

            bool ok;
            if (field == 1 && wireType == WireType.Varint)
            {
                ok = reader.TryReadVarint(out var value);
                subscribe = value != 0;
            }
            else if (field == 2 && wireType == WireType.LengthDelimited)
            {
                ok = reader.TryReadString(out var text);
                topic = text;
            }
            else
            {
                ok = field > 2 && reader.TrySkip(wireType);
            }

            if (!ok)
            {
                return false;
            }
        }

        change = new SubscriptionChange(subscribe, topic);
        return true;
    }

    private static bool TryReadArray(ref ProtoReader reader, out byte[]? value)
    {
        value = null;
        if (!reader.TryReadBytes(out var bytes))
        {
            return false;
        }

        value = bytes.ToArray();
        return true;
    }
}
