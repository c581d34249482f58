using Mesh.Libp2p.Protobuf;

namespace Mesh.Libp2p.PubSub;

public static partial class GossipRpcDecoder
{
    private static bool TryDecodeControl(ReadOnlySpan<byte> protobuf, GossipRpcLimits limits, out ControlMessage? control)
    {
        control = null;
        var ihave = new List<ControlIHave>();
        var iwant = new List<ControlIWant>();
        var graft = new List<ControlGraft>();
        var prune = new List<ControlPrune>();
        var reader = new ProtoReader(protobuf);
        while (!reader.End)
        {
            if (!reader.TryReadTag(out var field, out var wireType))
            {
                return false;
            }

            if (field is < 1 or > 4)
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

            var ok = field switch
            {
                1 => ihave.Count < limits.MaxListLength && TryDecodeIHave(body, limits, ihave),
                2 => iwant.Count < limits.MaxListLength && TryDecodeIWant(body, limits, iwant),
                3 => graft.Count < limits.MaxListLength && TryDecodeGraft(body, graft),
                _ => prune.Count < limits.MaxListLength && TryDecodePrune(body, limits, prune),
            };
            if (!ok)
            {
                return false;
            }
        }

        control = new ControlMessage(ihave, iwant, graft, prune);
        return true;
    }

    private static bool TryDecodeIHave(ReadOnlySpan<byte> protobuf, GossipRpcLimits limits, List<ControlIHave> into)
    {
        string? topic = null;
        var ids = new List<byte[]>();
        var reader = new ProtoReader(protobuf);
        while (!reader.End)
        {
            if (!reader.TryReadTag(out var field, out var wireType))
            {
                return false;
            }

            bool ok;
            if (field == 1 && wireType == WireType.LengthDelimited)
            {
                ok = reader.TryReadString(out var text);
                topic = text;
            }
            else if (field == 2 && wireType == WireType.LengthDelimited)
            {
                byte[]? id = null;
                ok = ids.Count < limits.MaxListLength && TryReadArray(ref reader, out id);
                if (ok)
                {
                    ids.Add(id!);
                }
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

        into.Add(new ControlIHave(topic, ids));
        return true;
    }

    private static bool TryDecodeIWant(ReadOnlySpan<byte> protobuf, GossipRpcLimits limits, List<ControlIWant> into)
    {
        var ids = new List<byte[]>();
        var reader = new ProtoReader(protobuf);
        while (!reader.End)
        {
            if (!reader.TryReadTag(out var field, out var wireType))
            {
                return false;
            }

            bool ok;
            if (field == 1 && wireType == WireType.LengthDelimited)
            {
                byte[]? id = null;
                ok = ids.Count < limits.MaxListLength && TryReadArray(ref reader, out id);
                if (ok)
                {
                    ids.Add(id!);
                }
            }
            else
            {
                ok = field > 1 && reader.TrySkip(wireType);
            }

            if (!ok)
            {
                return false;
            }
        }

        into.Add(new ControlIWant(ids));
        return true;
    }

    private static bool TryDecodeGraft(ReadOnlySpan<byte> protobuf, List<ControlGraft> into)
    {
        string? topic = null;
        var reader = new ProtoReader(protobuf);
        while (!reader.End)
        {
            if (!reader.TryReadTag(out var field, out var wireType))
            {
                return false;
            }

            bool ok;
            if (field == 1 && wireType == WireType.LengthDelimited)
            {
                ok = reader.TryReadString(out var text);
                topic = text;
            }
            else
            {
                ok = field > 1 && reader.TrySkip(wireType);
            }

            if (!ok)
            {
                return false;
            }
        }

        into.Add(new ControlGraft(topic));
        return true;
    }

    private static bool TryDecodePrune(ReadOnlySpan<byte> protobuf, GossipRpcLimits limits, List<ControlPrune> into)
    {
        string? topic = null;
        ulong? backoff = null;
        var peers = new List<PeerExchangeInfo>();
        var reader = new ProtoReader(protobuf);
        while (!reader.End)
        {
            if (!reader.TryReadTag(out var field, out var wireType))
            {
                return false;
            }

            bool ok;
            if (field == 1 && wireType == WireType.LengthDelimited)
            {
                ok = reader.TryReadString(out var text);
                topic = text;
            }
            else if (field == 2 && wireType == WireType.LengthDelimited)
            {
                ok = peers.Count < limits.MaxPrunePeers && reader.TryReadBytes(out var body) && TryDecodePeerInfo(body, peers);
            }
            else if (field == 3 && wireType == WireType.Varint)
            {
                ok = reader.TryReadVarint(out var value);
                backoff = value;
            }
            else
            {
                ok = field > 3 && reader.TrySkip(wireType);
            }

            if (!ok)
            {
                return false;
            }
        }

        into.Add(new ControlPrune(topic, peers, backoff));
        return true;
    }

    private static bool TryDecodePeerInfo(ReadOnlySpan<byte> protobuf, List<PeerExchangeInfo> into)
    {
        byte[]? peerId = null, record = null;
        var reader = new ProtoReader(protobuf);
        while (!reader.End)
        {
            if (!reader.TryReadTag(out var field, out var wireType))
            {
                return false;
            }

            var ok = (field, wireType) switch
            {
                (1, WireType.LengthDelimited) => TryReadArray(ref reader, out peerId),
                (2, WireType.LengthDelimited) => TryReadArray(ref reader, out record),
                _ => field > 2 && reader.TrySkip(wireType),
            };
            if (!ok)
            {
                return false;
            }
        }

        into.Add(new PeerExchangeInfo(peerId, record));
        return true;
    }
}
