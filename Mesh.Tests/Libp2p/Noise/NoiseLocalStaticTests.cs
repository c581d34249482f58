using Mesh.Libp2p.Identity;
using Mesh.Libp2p.Noise;

namespace Mesh.Tests.Libp2p.Noise;

/// <summary>One Noise static key per identity, shared by its handshakes; ephemeral keys stay per handshake.</summary>
public sealed class NoiseLocalStaticTests
{
    [Test]
    public void For_SameIdentityTwice_ReturnsTheSameKeyAndSignature()
    {
        var identity = IdentityKey.Generate();

        var first = NoiseLocalStatic.For(identity);
        var second = NoiseLocalStatic.For(identity);

        Assert.That(second, Is.SameAs(first));
    }

    [Test]
    public void For_TwoIdentities_GivesDifferentKeys()
    {
        var first = NoiseLocalStatic.For(IdentityKey.Generate());
        var second = NoiseLocalStatic.For(IdentityKey.Generate());

        Assert.That(Convert.ToHexString(second.KeyPair.PublicKey), Is.Not.EqualTo(Convert.ToHexString(first.KeyPair.PublicKey)));
    }

    [Test]
    public void For_AnyIdentity_SignatureVerifiesOverPrefixAndStaticKey()
    {
        var identity = IdentityKey.Generate();

        var localStatic = NoiseLocalStatic.For(identity);

        Assert.Multiple(() =>
        {
            Assert.That(identity.PublicKey.Verify(NoiseIdentityBinding.SignedMessage(localStatic.KeyPair.PublicKey), localStatic.Signature.Span), Is.True);
            Assert.That(identity.PublicKey.Verify(NoiseIdentityBinding.SignedMessage(new byte[32]), localStatic.Signature.Span), Is.False);
        });
    }

    [Test]
    public void For_ManyThreadsAtOnce_AllGetOneKey()
    {
        var identity = IdentityKey.Generate();

        var results = Enumerable.Range(0, 64).AsParallel().Select(_ => NoiseLocalStatic.For(identity)).ToArray();

        Assert.That(results.Distinct().Count(), Is.EqualTo(1));
    }

    [Test]
    public async Task SecureOutbound_TwoConnectionsOfOneIdentity_ShareTheStaticKeyNotTheEphemeral()
    {
        var identity = IdentityKey.Generate();

        var first = await HandshakeAgainstScriptedResponderAsync(identity);
        var second = await HandshakeAgainstScriptedResponderAsync(identity);

        Assert.Multiple(() =>
        {
            Assert.That(first.RemoteStatic, Is.EqualTo(NoiseLocalStatic.For(identity).KeyPair.PublicKey.ToArray()));
            Assert.That(second.RemoteStatic, Is.EqualTo(first.RemoteStatic));
            Assert.That(second.Ephemeral, Is.Not.EqualTo(first.Ephemeral));
            Assert.That(second.HandshakeHash, Is.Not.EqualTo(first.HandshakeHash));
        });
    }

    [Test]
    public async Task Handshake_OneIdentityManyConcurrentConnections_AllSucceed()
    {
        var listener = IdentityKey.Generate();
        var dialer = IdentityKey.Generate();

        var connections = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => NoiseSecurityTests.ConnectAsync(dialer, listener, [], [])));

        foreach (var (outbound, inbound) in connections)
        {
            Assert.That(outbound.RemotePeer, Is.EqualTo(listener.PeerId));
            Assert.That(inbound.RemotePeer, Is.EqualTo(dialer.PeerId));
            await outbound.DisposeAsync();
            await inbound.DisposeAsync();
        }
    }

    private static async Task<(byte[] RemoteStatic, byte[] Ephemeral, byte[] HandshakeHash)> HandshakeAgainstScriptedResponderAsync(IdentityKey identity)
    {
        var responderIdentity = IdentityKey.Generate();
        var (local, remote) = ChannelPair.Create();
        using var peer = new ScriptedNoisePeer(remote);
        var handshake = NoiseSecurity.SecureOutboundAsync(local, identity, [], responderIdentity.PeerId);

        var responderStatic = NoiseKeyPair.Generate();
        using var state = new NoiseXXHandshakeState(isInitiator: false, responderStatic, NoiseKeyPair.Generate());
        var message1 = await peer.ReadFrameAsync();
        state.ReadMessage1(message1);
        await peer.WriteFrameAsync(state.WriteMessage2(ScriptedNoisePeer.HonestPayload(responderIdentity, responderStatic.PublicKey).Encode()));
        state.ReadMessage3(await peer.ReadFrameAsync());
        await using var secured = await handshake;
        return (state.RemoteStaticKey.ToArray(), message1, state.HandshakeHash);
    }
}
