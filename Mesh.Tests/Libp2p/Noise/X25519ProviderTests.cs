using Mesh.Libp2p.Noise;
using static Mesh.Tests.Libp2p.Noise.NoiseVectors;

namespace Mesh.Tests.Libp2p.Noise;

/// <summary>X25519 from libsodium and from BouncyCastle against RFC 7748, the XX vector of wire notes §8.4, and each other.</summary>
public sealed class X25519ProviderTests
{
    // RFC 7748 §6.1.
    private const string AlicePrivate = "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";
    private const string AlicePublic = "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";
    private const string BobPrivate = "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb";
    private const string BobPublic = "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f";
    private const string SharedSecret = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";

    [Test]
    public void Native_LinuxX64_LoadsAndIsTheDefault()
    {
        Assert.That(X25519Provider.Native, Is.Not.Null, "libsodium from the libsodium package should load on linux-x64");
        Assert.That(X25519Provider.Default, Is.SameAs(X25519Provider.Native));
    }

    // RFC 7748 §5.2; the second u-coordinate has its top bit set, which both must ignore.
    [TestCase(true, "a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4", "e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c", "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552")]
    [TestCase(false, "a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4", "e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c", "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552")]
    [TestCase(true, "4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d", "e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493", "95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957")]
    [TestCase(false, "4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d", "e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493", "95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957")]
    public void TryAgree_Rfc7748ScalarMultVectors_GiveVectorOutput(bool native, string scalar, string u, string expected)
    {
        var output = new byte[32];

        Assert.That(Provider(native).TryAgree(Hex(scalar), Hex(u), output), Is.True);
        Assert.That(Hex(output), Is.EqualTo(expected));
    }

    // RFC 7748 §5.2, iterated: k = u = 9, then (k, u) = (X25519(k, u), k).
    [TestCase(true, 1, "422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079")]
    [TestCase(false, 1, "422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079")]
    [TestCase(true, 1000, "684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51")]
    [TestCase(false, 1000, "684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51")]
    public void TryAgree_Rfc7748Iterated_GivesVectorOutput(bool native, int iterations, string expected)
    {
        var provider = Provider(native);
        var k = new byte[32];
        var u = new byte[32];
        k[0] = 9;
        u[0] = 9;
        var next = new byte[32];
        for (var i = 0; i < iterations; i++)
        {
            Assert.That(provider.TryAgree(k, u, next), Is.True);
            k.CopyTo(u, 0);
            next.CopyTo(k, 0);
        }

        Assert.That(Hex(k), Is.EqualTo(expected));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void KeyPair_Rfc7748DiffieHellman_GivesVectorKeysAndSecret(bool native)
    {
        var alice = new NoiseKeyPair(Hex(AlicePrivate), Provider(native));
        var bob = new NoiseKeyPair(Hex(BobPrivate), Provider(native));
        var aliceShared = new byte[32];
        var bobShared = new byte[32];

        Assert.Multiple(() =>
        {
            Assert.That(Hex(alice.PublicKey), Is.EqualTo(AlicePublic));
            Assert.That(Hex(bob.PublicKey), Is.EqualTo(BobPublic));
            Assert.That(alice.TryAgree(bob.PublicKey, aliceShared), Is.True);
            Assert.That(bob.TryAgree(alice.PublicKey, bobShared), Is.True);
            Assert.That(Hex(aliceShared), Is.EqualTo(SharedSecret));
            Assert.That(Hex(bobShared), Is.EqualTo(SharedSecret));
        });
    }

    // Points of small order (0, 1, the order-8 points, p - 1, p, p + 1 and a form with the top bit set): the shared
    // secret would be all zeros, and both implementations must refuse it.
    [TestCase(true, "0000000000000000000000000000000000000000000000000000000000000000")]
    [TestCase(false, "0000000000000000000000000000000000000000000000000000000000000000")]
    [TestCase(true, "0100000000000000000000000000000000000000000000000000000000000000")]
    [TestCase(false, "0100000000000000000000000000000000000000000000000000000000000000")]
    [TestCase(true, "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800")]
    [TestCase(false, "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800")]
    [TestCase(true, "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157")]
    [TestCase(false, "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157")]
    [TestCase(true, "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")]
    [TestCase(false, "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")]
    [TestCase(true, "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")]
    [TestCase(false, "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")]
    [TestCase(true, "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")]
    [TestCase(false, "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")]
    [TestCase(true, "0100000000000000000000000000000000000000000000000000000000000080")]
    [TestCase(false, "0100000000000000000000000000000000000000000000000000000000000080")]
    public void TryAgree_SmallOrderRemoteKey_IsRefused(bool native, string remote)
    {
        var pair = new NoiseKeyPair(Hex(AlicePrivate), Provider(native));
        var shared = new byte[32];

        Assert.That(pair.TryAgree(Hex(remote), shared), Is.False);
    }

    [TestCase(true)]
    [TestCase(false)]
    public void XXHandshake_VectorKeysOnEachImplementation_ReproducesTranscript(bool native)
    {
        var provider = Provider(native);
        using var initiator = new NoiseXXHandshakeState(isInitiator: true, Pair(0x01, provider), Pair(0x02, provider));
        using var responder = new NoiseXXHandshakeState(isInitiator: false, Pair(0x03, provider), Pair(0x04, provider));

        var message1 = initiator.WriteMessage1();
        responder.ReadMessage1(message1);
        var message2 = responder.WriteMessage2(Hex(ResponderPayload));
        _ = initiator.ReadMessage2(message2);
        var message3 = initiator.WriteMessage3(Hex(InitiatorPayload));
        _ = responder.ReadMessage3(message3);
        using var keys = initiator.Split();

        Assert.Multiple(() =>
        {
            Assert.That(Hex(message1), Is.EqualTo(Message1));
            Assert.That(Hex(message2), Is.EqualTo(Message2));
            Assert.That(Hex(message3), Is.EqualTo(Message3));
            Assert.That(Hex(responder.HandshakeHash), Is.EqualTo(HandshakeHash));
            Assert.That(Hex(keys.InitiatorToResponder), Is.EqualTo(K1));
            Assert.That(Hex(keys.ResponderToInitiator), Is.EqualTo(K2));
        });
    }

    [Test]
    public void NativeAndManaged_RandomKeysAndPoints_AgreeByteForByte()
    {
        var random = new Random(25519);
        var privateKey = new byte[32];
        var remote = new byte[32];
        for (var round = 0; round < 200; round++)
        {
            random.NextBytes(privateKey);
            random.NextBytes(remote);
            var nativePublic = new byte[32];
            var managedPublic = new byte[32];
            var nativeShared = new byte[32];
            var managedShared = new byte[32];

            X25519Provider.Native!.GeneratePublicKey(privateKey, nativePublic);
            X25519Provider.Managed.GeneratePublicKey(privateKey, managedPublic);

            // Random bytes as the remote key: any u-coordinate, non-canonical or with the top bit set included.
            var nativeOk = X25519Provider.Native.TryAgree(privateKey, remote, nativeShared);
            var managedOk = X25519Provider.Managed.TryAgree(privateKey, remote, managedShared);

            Assert.That(Hex(nativePublic), Is.EqualTo(Hex(managedPublic)), $"public key, round {round}");
            Assert.That(nativeOk, Is.EqualTo(managedOk), $"agreement result, round {round}");
            Assert.That(Hex(nativeShared), Is.EqualTo(Hex(managedShared)), $"shared secret, round {round}");
        }
    }

    [Test]
    public void NativeAndManaged_EachOthersPublicKeys_GiveTheSameSecret()
    {
        for (var round = 0; round < 50; round++)
        {
            var native = NoiseKeyPair.Generate(X25519Provider.Native);
            var managed = NoiseKeyPair.Generate(X25519Provider.Managed);
            var fromNative = new byte[32];
            var fromManaged = new byte[32];

            Assert.That(native.TryAgree(managed.PublicKey, fromNative), Is.True);
            Assert.That(managed.TryAgree(native.PublicKey, fromManaged), Is.True);
            Assert.That(Hex(fromNative), Is.EqualTo(Hex(fromManaged)));
        }
    }

    private static X25519Provider Provider(bool native) =>
        native ? X25519Provider.Native ?? throw new InconclusiveException("libsodium did not load") : X25519Provider.Managed;

    private static NoiseKeyPair Pair(byte value, X25519Provider provider) => new(Enumerable.Repeat(value, 32).ToArray(), provider);
}
