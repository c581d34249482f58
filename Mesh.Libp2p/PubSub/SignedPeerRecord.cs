using Mesh.Libp2p.Addressing;
using Mesh.Libp2p.Encoding;
using Mesh.Libp2p.Identity;
using Mesh.Libp2p.Protobuf;

namespace Mesh.Libp2p.PubSub;

/// <summary>
/// Reads the addresses out of a signed peer record envelope (wire notes §9.1; libp2p RFC 0002 envelopes and RFC 0003
/// peer records), as a PX entry may carry one. Pure and bounded: malformed, unsigned or mis-signed input, or a
/// record of another peer than the entry names, gives false; nothing throws. Only what PX needs is checked: the
/// sequence number is not compared with any earlier record.
/// </summary>
internal static class SignedPeerRecord
{
    /// <summary>The multicodec of a peer record, 0x0301, as the two raw bytes the envelope carries (not a varint).</summary>
    private static ReadOnlySpan<byte> PayloadType => [0x03, 0x01];

    private static ReadOnlySpan<byte> Domain => "libp2p-peer-record"u8;

    /// <summary>
    /// The first <paramref name="maxAddresses"/> addresses of the record in <paramref name="envelope"/>, when it is a
    /// peer record of <paramref name="peer"/> signed by <paramref name="peer"/>'s key; addresses that do not parse
    /// are left out.
    /// </summary>
    public static bool TryReadAddresses(ReadOnlySpan<byte> envelope, PeerId peer, int maxAddresses, out Multiaddr[] addresses)
    {
        addresses = [];
        if (!TryReadEnvelope(envelope, out var keyBytes, out var payloadType, out var payload, out var signature)
            || !payloadType.SequenceEqual(PayloadType)
            || !PublicKey.TryParseProtobuf(keyBytes, out var key)
            || PeerId.FromPublicKey(key!) != peer
            || !key!.Verify(SignedBytes(payloadType, payload), signature))
        {
            return false;
        }

        return TryReadRecord(payload, peer, maxAddresses, out addresses);
    }

    /// <summary>What the envelope's signature covers: each of domain, payload type and payload prefixed by its uvarint length.</summary>
    private static byte[] SignedBytes(ReadOnlySpan<byte> payloadType, ReadOnlySpan<byte> payload)
    {
        var length = Varint.SizeOf((ulong)Domain.Length) + Domain.Length
            + Varint.SizeOf((ulong)payloadType.Length) + payloadType.Length
            + Varint.SizeOf((ulong)payload.Length) + payload.Length;
        var bytes = new byte[length];
        var at = Append(bytes, 0, Domain);
        at = Append(bytes, at, payloadType);
        Append(bytes, at, payload);
        return bytes;
    }

    private static int Append(Span<byte> destination, int at, ReadOnlySpan<byte> part)
    {
        at += Varint.Write(destination[at..], (ulong)part.Length);
        part.CopyTo(destination[at..]);
        return at + part.Length;
    }

    private static bool TryReadEnvelope(
        ReadOnlySpan<byte> envelope,
        out ReadOnlySpan<byte> publicKey,
        out ReadOnlySpan<byte> payloadType,
        out ReadOnlySpan<byte> payload,
        out ReadOnlySpan<byte> signature)
    {
        publicKey = payloadType = payload = signature = default;
        var reader = new ProtoReader(envelope);
        while (!reader.End)
        {
            if (!reader.TryReadTag(out var field, out var wireType))
            {
                return false;
            }

            var ok = (field, wireType) switch
            {
                (1, WireType.LengthDelimited) => reader.TryReadBytes(out publicKey),
                (2, WireType.LengthDelimited) => reader.TryReadBytes(out payloadType),
                (3, WireType.LengthDelimited) => reader.TryReadBytes(out payload),
                (5, WireType.LengthDelimited) => reader.TryReadBytes(out signature),
                _ => field is not (1 or 2 or 3 or 5) && reader.TrySkip(wireType),
            };
            if (!ok)
            {
                return false;
            }
        }

        return !publicKey.IsEmpty && !signature.IsEmpty;
    }

    private static bool TryReadRecord(ReadOnlySpan<byte> record, PeerId peer, int maxAddresses, out Multiaddr[] addresses)
    {
        addresses = [];
        var found = new List<Multiaddr>();
        var named = false;
        var reader = new ProtoReader(record);
        while (!reader.End)
        {
            if (!reader.TryReadTag(out var field, out var wireType))
            {
                return false;
            }

            switch (field, wireType)
            {
                case (1, WireType.LengthDelimited):
                    if (!reader.TryReadBytes(out var id) || !id.SequenceEqual(peer.Bytes))
                    {
                        return false;
                    }

                    named = true;
                    break;
                case (3, WireType.LengthDelimited):
                    if (!reader.TryReadBytes(out var info))
                    {
                        return false;
                    }

                    if (found.Count < maxAddresses && TryReadAddressInfo(info, out var address))
                    {
                        found.Add(address);
                    }

                    break;
                default:
                    if (!reader.TrySkip(wireType))
                    {
                        return false;
                    }

                    break;
            }
        }

        addresses = [.. found];
        return named;
    }

    private static bool TryReadAddressInfo(ReadOnlySpan<byte> info, out Multiaddr address)
    {
        address = Multiaddr.Empty;
        var reader = new ProtoReader(info);
        while (!reader.End)
        {
            if (!reader.TryReadTag(out var field, out var wireType))
            {
                return false;
            }

            if (field == 1 && wireType == WireType.LengthDelimited)
            {
                if (!reader.TryReadBytes(out var bytes) || !Multiaddr.TryRead(bytes, out var parsed))
                {
                    return false;
                }

                address = parsed;
            }
            else if (!reader.TrySkip(wireType))
            {
                return false;
            }
        }

        return !address.IsEmpty;
    }
}
