using Mesh.Libp2p.Addressing;
using Mesh.Libp2p.Identity;
using Mesh.Libp2p.PubSub;

namespace Mesh.Tests.Libp2p.PubSub;

public sealed class SignedPeerRecordTests
{
    private static readonly Multiaddr[] Addresses =
    [
        Multiaddr.Parse("/ip4/10.1.2.3/tcp/4001"),
        Multiaddr.Parse("/ip6/::1/tcp/4002"),
        Multiaddr.Parse("/dns4/node.local/tcp/4003"),
    ];

    [Test]
    public void TryReadAddresses_RecordSignedByItsPeer_ReturnsItsAddresses()
    {
        var key = IdentityKey.Generate();
        var envelope = PeerRecordEnvelopes.Create(key, Addresses);

        Assert.That(SignedPeerRecord.TryReadAddresses(envelope, key.PeerId, 16, out var addresses), Is.True);
        Assert.That(addresses, Is.EqualTo(Addresses));
    }

    [Test]
    public void TryReadAddresses_MoreAddressesThanAllowed_ReturnsTheFirst()
    {
        var key = IdentityKey.Generate();

        Assert.That(SignedPeerRecord.TryReadAddresses(PeerRecordEnvelopes.Create(key, Addresses), key.PeerId, 2, out var addresses), Is.True);
        Assert.That(addresses, Is.EqualTo(Addresses[..2]));
    }

    [Test]
    public void TryReadAddresses_RecordOfAnotherPeer_False()
    {
        var key = IdentityKey.Generate();
        var envelope = PeerRecordEnvelopes.Create(key, Addresses);

        Assert.That(SignedPeerRecord.TryReadAddresses(envelope, IdentityKey.Generate().PeerId, 16, out var addresses), Is.False);
        Assert.That(addresses, Is.Empty);
    }

    [Test]
    public void TryReadAddresses_SignedByAnotherKeyAboutThePeer_False()
    {
        var subject = IdentityKey.Generate();
        var envelope = PeerRecordEnvelopes.Create(IdentityKey.Generate(), subject.PeerId, Addresses);

        Assert.That(SignedPeerRecord.TryReadAddresses(envelope, subject.PeerId, 16, out _), Is.False);
    }

    [Test]
    public void TryReadAddresses_PayloadChangedAfterSigning_False()
    {
        var key = IdentityKey.Generate();
        var envelope = PeerRecordEnvelopes.Create(key, key.PeerId, Addresses, tamper: payload =>
        {
            var changed = (byte[])payload.Clone();
            changed[^1] ^= 1;
            return changed;
        });

        Assert.That(SignedPeerRecord.TryReadAddresses(envelope, key.PeerId, 16, out _), Is.False);
    }

    [Test]
    public void TryReadAddresses_OtherPayloadType_False()
    {
        var key = IdentityKey.Generate();
        var envelope = PeerRecordEnvelopes.Create(key, key.PeerId, Addresses, payloadType: [0x03, 0x02]);

        Assert.That(SignedPeerRecord.TryReadAddresses(envelope, key.PeerId, 16, out _), Is.False);
    }

    [Test]
    public void TryReadAddresses_RandomGarbageAndTruncations_FalseWithoutThrowing()
    {
        var key = IdentityKey.Generate();
        var envelope = PeerRecordEnvelopes.Create(key, Addresses);
        var random = new Random(7);

        Assert.Multiple(() =>
        {
            for (var length = 0; length < envelope.Length; length++)
            {
                Assert.That(SignedPeerRecord.TryReadAddresses(envelope.AsSpan(0, length), key.PeerId, 16, out _), Is.False, $"truncated to {length}");
            }

            for (var i = 0; i < 2000; i++)
            {
                var garbage = new byte[random.Next(0, 300)];
                random.NextBytes(garbage);
                Assert.That(SignedPeerRecord.TryReadAddresses(garbage, key.PeerId, 16, out _), Is.False);
            }
        });
    }
}
