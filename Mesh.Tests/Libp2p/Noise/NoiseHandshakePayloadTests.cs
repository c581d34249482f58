using Mesh.Libp2p.Noise;
using Mesh.Libp2p.Protobuf;
using static Mesh.Tests.Libp2p.Noise.NoiseVectors;

namespace Mesh.Tests.Libp2p.Noise;

public sealed class NoiseHandshakePayloadTests
{
    [Test]
    public void TryDecode_VectorPayload_ReadsEveryField()
    {
        Assert.That(NoiseHandshakePayload.TryDecode(Hex(ResponderPayload), out var payload), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(Hex(payload!.IdentityKey), Is.EqualTo(ResponderPublicKeyProtobuf));
            Assert.That(Hex(payload.IdentitySignature), Is.EqualTo(ResponderSignature));
            Assert.That(payload.Extensions!.StreamMuxers, Is.EqualTo(new[] { YamuxProtocol }));
            Assert.That(payload.Extensions.WebTransportCertHashes, Is.Empty);
            Assert.That(Hex(payload.Encode()), Is.EqualTo(ResponderPayload));
        });
    }

    [Test]
    public void Encode_AllFields_RoundTripsInFieldOrder()
    {
        var payload = new NoiseHandshakePayload
        {
            IdentityKey = [1, 2],
            IdentitySignature = [3],
            Extensions = new NoiseExtensions { WebTransportCertHashes = [[9, 9]], StreamMuxers = ["/a", "/b"] },
        };

        var bytes = payload.Encode();
        Assert.That(NoiseHandshakePayload.TryDecode(bytes, out var decoded), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(Hex(bytes), Is.EqualTo("0a020102120103" + "220c" + "0a020909" + "12022f61" + "12022f62"));
            Assert.That(decoded!.Extensions!.WebTransportCertHashes, Is.EqualTo(new[] { new byte[] { 9, 9 } }));
            Assert.That(decoded.Extensions.StreamMuxers, Is.EqualTo(new[] { "/a", "/b" }));
        });
    }

    [Test]
    public void Encode_NoExtensions_LeavesFieldFourOut()
    {
        var bytes = new NoiseHandshakePayload { IdentityKey = [1], IdentitySignature = [2] }.Encode();
        Assert.That(Hex(bytes), Is.EqualTo("0a01011201" + "02"));
    }

    [Test]
    public void TryDecode_UnknownFields_AreSkipped()
    {
        var bytes = new ProtoWriter().WriteVarint(3, 7).WriteBytes(1, [5]).WriteBytes(9, [1, 2, 3]).ToArray();
        Assert.That(NoiseHandshakePayload.TryDecode(bytes, out var payload), Is.True);
        Assert.That(payload!.IdentityKey, Is.EqualTo(new byte[] { 5 }));
    }

    [Test]
    public void TryDecode_KnownFieldWithWrongWireType_ReturnsFalse()
    {
        var bytes = new ProtoWriter().WriteVarint(1, 7).ToArray();
        Assert.That(NoiseHandshakePayload.TryDecode(bytes, out _), Is.False);
    }

    [Test]
    public void TryDecode_TooManyMuxers_ReturnsFalse()
    {
        var bytes = new ProtoWriter().WriteMessage(4, inner =>
        {
            for (var i = 0; i <= NoiseExtensions.MaxEntries; i++)
            {
                inner.WriteString(2, "/m");
            }
        }).ToArray();

        Assert.That(NoiseHandshakePayload.TryDecode(bytes, out _), Is.False);
    }

    [Test]
    public void TryDecode_MuxerTooLongOrNotUtf8_ReturnsFalse()
    {
        var tooLong = new ProtoWriter().WriteMessage(4, inner => inner.WriteBytes(2, new byte[NoiseExtensions.MaxEntryLength + 1])).ToArray();
        var notUtf8 = new ProtoWriter().WriteMessage(4, inner => inner.WriteBytes(2, [0xff, 0xfe])).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(NoiseHandshakePayload.TryDecode(tooLong, out _), Is.False);
            Assert.That(NoiseHandshakePayload.TryDecode(notUtf8, out _), Is.False);
        });
    }

    [Test]
    public void TryDecode_TruncatedOrMutatedVector_NeverThrows()
    {
        var vector = Hex(ResponderPayload);
        var random = new Random(7);
        for (var cut = 0; cut <= vector.Length; cut++)
        {
            Assert.DoesNotThrow(() => NoiseHandshakePayload.TryDecode(vector.AsSpan(0, cut), out _));
        }

        for (var i = 0; i < 3000; i++)
        {
            var mutated = vector.ToArray();
            mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
            var garbage = new byte[random.Next(200)];
            random.NextBytes(garbage);
            Assert.DoesNotThrow(() =>
            {
                NoiseHandshakePayload.TryDecode(mutated, out _);
                NoiseHandshakePayload.TryDecode(garbage, out _);
            });
        }
    }
}
