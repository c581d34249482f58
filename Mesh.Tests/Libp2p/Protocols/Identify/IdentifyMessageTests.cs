using Mesh.Libp2p.Identity;
using Mesh.Libp2p.Protobuf;
using Mesh.Libp2p.Protocols.Identify;

namespace Mesh.Tests.Libp2p.Protocols.Identify;

public sealed class IdentifyMessageTests
{
    private static IdentifyMessage Full() => new()
    {
        PublicKey = IdentityKey.FromSeed(new byte[32]).PublicKey.ToProtobuf(),
        ListenAddrs = [[0x04, 127, 0, 0, 1, 0x06, 0x0f, 0xa1], [0x04, 10, 0, 0, 2, 0x06, 0x0f, 0xa1]],
        Protocols = ["/ipfs/id/1.0.0", "/ipfs/ping/1.0.0", "/meshsub/1.1.0"],
        ObservedAddr = [0x04, 192, 168, 1, 9, 0x06, 0xc3, 0x50],
        ProtocolVersion = "ipfs/0.1.0",
        AgentVersion = "mesh/0.1.0",
        SignedPeerRecord = [1, 2, 3],
    };

    [Test]
    public void ToProtobuf_SmallMessage_MatchesHandEncodedBytes()
    {
        var message = new IdentifyMessage
        {
            PublicKey = [0x08, 0x01],
            ListenAddrs = [[0x04, 127, 0, 0, 1]],
            Protocols = ["/a"],
            ObservedAddr = [0x04, 1, 2, 3, 4],
            ProtocolVersion = "p",
            AgentVersion = "a",
            SignedPeerRecord = [0xff],
        };

        // Tag = field << 3 | 2 for every field: 0a, 12, 1a, 22, 2a, 32, then 42 for field 8.
        const string Expected = "0a020801" + "1205047f000001" + "1a022f61" + "22050401020304" + "2a0170" + "320161" + "4201ff";
        Assert.That(Convert.ToHexStringLower(message.ToProtobuf()), Is.EqualTo(Expected));
    }

    [Test]
    public void ToProtobuf_EmptyMessage_IsEmpty() =>
        Assert.That(new IdentifyMessage().ToProtobuf(), Is.Empty);

    [Test]
    public void TryParse_FullMessage_RoundTrips()
    {
        var original = Full();

        Assert.That(IdentifyMessage.TryParse(original.ToProtobuf(), out var parsed), Is.True);
        AssertSame(parsed!, original);
    }

    [Test]
    public void TryParse_UnknownFields_AreSkipped()
    {
        var bytes = new ProtoWriter()
            .WriteVarint(7, 42)
            .WriteString(3, "/x")
            .WriteBytes(9, [1, 2, 3])
            .WriteVarint(2, 5)
            .WriteString(6, "agent")
            .WriteBytes(100, [])
            .ToArray();

        Assert.That(IdentifyMessage.TryParse(bytes, out var parsed), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(parsed!.Protocols, Is.EqualTo(new[] { "/x" }));
            Assert.That(parsed.AgentVersion, Is.EqualTo("agent"));
            Assert.That(parsed.ListenAddrs, Is.Empty);
            Assert.That(parsed.PublicKey, Is.Null);
        });
    }

    [Test]
    public void TryParse_ListenAddrsOverLimit_IsRejected()
    {
        var limits = new IdentifyOptions { MaxListenAddrs = 3 };
        Assert.Multiple(() =>
        {
            Assert.That(IdentifyMessage.TryParse(WithAddresses(3), limits, out _), Is.True);
            Assert.That(IdentifyMessage.TryParse(WithAddresses(4), limits, out _), Is.False);
            Assert.That(IdentifyMessage.TryParse(WithAddresses(101), out _), Is.False, "default limit 100");
        });
    }

    [Test]
    public void TryParse_ProtocolsOverLimit_IsRejected()
    {
        var writer = new ProtoWriter();
        for (var i = 0; i < 257; i++)
        {
            writer.WriteString(3, "/p");
        }

        Assert.That(IdentifyMessage.TryParse(writer.ToArray(), out _), Is.False);
    }

    [Test]
    public void TryParse_MessageOverMaxSize_IsRejected()
    {
        var bytes = new ProtoWriter().WriteBytes(8, new byte[9000]).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(IdentifyMessage.TryParse(bytes, out _), Is.False);
            Assert.That(IdentifyMessage.TryParse(bytes, new IdentifyOptions { MaxMessageSize = 10_000 }, out _), Is.True);
        });
    }

    [Test]
    public void TryParse_ProtocolNotUtf8_IsRejected() =>
        Assert.That(IdentifyMessage.TryParse(new ProtoWriter().WriteBytes(3, [0xff, 0xfe]).ToArray(), out _), Is.False);

    [Test]
    public void TryParse_EveryTruncation_NeverThrows()
    {
        var bytes = Full().ToProtobuf();
        var rejected = 0;
        for (var length = 0; length < bytes.Length; length++)
        {
            rejected += IdentifyMessage.TryParse(bytes.AsSpan(0, length), out _) ? 0 : 1;
        }

        Assert.That(rejected, Is.GreaterThan(bytes.Length / 2));
    }

    [Test]
    public void TryParse_RandomGarbage_NeverThrows()
    {
        var random = new Random(420);
        for (var i = 0; i < 5000; i++)
        {
            var bytes = new byte[random.Next(0, 64)];
            random.NextBytes(bytes);
            if (IdentifyMessage.TryParse(bytes, out var parsed))
            {
                Assert.That(parsed!.ListenAddrs.Count + parsed.Protocols.Count, Is.LessThanOrEqualTo(64));
            }
        }
    }

    [Test]
    public void Merge_PushWithSomeFields_ReplacesOnlyThose()
    {
        var existing = Full();
        var push = new IdentifyMessage { Protocols = ["/new/1.0.0"], AgentVersion = "mesh/0.2.0" };

        var merged = IdentifyMessage.Merge(existing, push);

        Assert.Multiple(() =>
        {
            Assert.That(merged.Protocols, Is.EqualTo(new[] { "/new/1.0.0" }));
            Assert.That(merged.AgentVersion, Is.EqualTo("mesh/0.2.0"));
            Assert.That(merged.ListenAddrs, Is.EqualTo(existing.ListenAddrs));
            Assert.That(merged.PublicKey, Is.EqualTo(existing.PublicKey));
            Assert.That(merged.ObservedAddr, Is.EqualTo(existing.ObservedAddr));
            Assert.That(merged.ProtocolVersion, Is.EqualTo(existing.ProtocolVersion));
            Assert.That(merged.SignedPeerRecord, Is.EqualTo(existing.SignedPeerRecord));
        });
    }

    [Test]
    public void Merge_EmptyPush_ChangesNothing() =>
        AssertSame(IdentifyMessage.Merge(Full(), new IdentifyMessage()), Full());

    [Test]
    public void Concatenate_TwoParts_AppendsListsAndLastSingleFieldWins()
    {
        var first = new IdentifyMessage { Protocols = ["/a"], ListenAddrs = [[1]], AgentVersion = "old", PublicKey = [8] };
        var next = new IdentifyMessage { Protocols = ["/b"], AgentVersion = "new", SignedPeerRecord = [5] };

        var joined = IdentifyMessage.Concatenate(first, next);

        Assert.Multiple(() =>
        {
            Assert.That(joined.Protocols, Is.EqualTo(new[] { "/a", "/b" }));
            Assert.That(joined.ListenAddrs, Is.EqualTo(new[] { new byte[] { 1 } }));
            Assert.That(joined.AgentVersion, Is.EqualTo("new"));
            Assert.That(joined.PublicKey, Is.EqualTo(new byte[] { 8 }));
            Assert.That(joined.SignedPeerRecord, Is.EqualTo(new byte[] { 5 }));
        });
    }

    internal static void AssertSame(IdentifyMessage actual, IdentifyMessage expected) => Assert.Multiple(() =>
    {
        Assert.That(actual.PublicKey, Is.EqualTo(expected.PublicKey));
        Assert.That(actual.ListenAddrs, Is.EqualTo(expected.ListenAddrs));
        Assert.That(actual.Protocols, Is.EqualTo(expected.Protocols));
        Assert.That(actual.ObservedAddr, Is.EqualTo(expected.ObservedAddr));
        Assert.That(actual.ProtocolVersion, Is.EqualTo(expected.ProtocolVersion));
        Assert.That(actual.AgentVersion, Is.EqualTo(expected.AgentVersion));
        Assert.That(actual.SignedPeerRecord, Is.EqualTo(expected.SignedPeerRecord));
    });

    private static byte[] WithAddresses(int count)
    {
        var writer = new ProtoWriter();
        for (var i = 0; i < count; i++)
        {
            writer.WriteBytes(2, [0x04, 10, 0, 0, (byte)i]);
        }

        return writer.ToArray();
    }
}
