using Mesh.Libp2p.Addressing;
using Mesh.Libp2p.Encoding;
using Mesh.Libp2p.Identity;
using Mesh.Libp2p.Protobuf;

namespace Mesh.Tests.Libp2p.PubSub;

/// <summary>Builds signed peer record envelopes as the wire notes §9.1 describe them, for tests.</summary>
internal static class PeerRecordEnvelopes
{
    public static readonly byte[] PeerRecordType = [0x03, 0x01];

    /// <summary>A record of <paramref name="subject"/>'s id and addresses, signed by <paramref name="signer"/> (whose key the envelope carries).</summary>
    public static byte[] Create(IdentityKey signer, PeerId subject, IEnumerable<Multiaddr> addresses, byte[]? payloadType = null, Func<byte[], byte[]>? tamper = null)
    {
        var record = new ProtoWriter().WriteBytes(1, subject.Bytes).WriteVarint(2, 1_700_000_000);
        foreach (var address in addresses)
        {
            record.WriteMessage(3, w => w.WriteBytes(1, address.Bytes));
        }

        var payload = record.ToArray();
        var type = payloadType ?? PeerRecordType;
        var signed = new List<byte>();
        foreach (var part in new[] { "libp2p-peer-record"u8.ToArray(), type, payload })
        {
            signed.AddRange(Varint.Encode((ulong)part.Length));
            signed.AddRange(part);
        }

        var signature = signer.Sign([.. signed]);
        return new ProtoWriter()
            .WriteBytes(1, signer.PublicKey.ToProtobuf())
            .WriteBytes(2, type)
            .WriteBytes(3, tamper is null ? payload : tamper(payload))
            .WriteBytes(5, signature)
            .ToArray();
    }

    public static byte[] Create(IdentityKey signer, IEnumerable<Multiaddr> addresses) => Create(signer, signer.PeerId, addresses);
}
