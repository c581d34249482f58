using Mesh.Libp2p.Identity;
using Mesh.Libp2p.Noise;

namespace Mesh.Tests.Libp2p.Identity;

/// <summary>Ed25519 from libsodium and from BouncyCastle against RFC 8032 §7.1, the Noise vector's signatures, and each other.</summary>
public sealed class Ed25519ProviderTests
{
    // Wire notes §8.4: the responder's seed is bytes 1..32; it signs "noise-libp2p-static-key:" ‖ its static key.
    private const string NoiseResponderStatic = "5dfedd3b6bd47f6fa28ee15d969d5bb0ea53774d488bdaf9df1c6e0124b3ef22";
    private const string NoiseResponderSignature = "1e378934a119433dd2faff1cc3f3dc3d534f18d2fc88258ac6e982912266d2d66db9753a54bc8650c7471fd48452247913bed7757d16e337a5c0b6bd7adc6b0a";

    // RFC 8032 §7.1 TEST 1, 2, 3 and SHA(abc): secret key (seed), public key, message, signature.
    private static readonly string[][] Rfc8032Vectors =
    [
        [
            "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
            "",
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
        ],
        [
            "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
            "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
            "72",
            "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
        ],
        [
            "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
            "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
            "af82",
            "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a",
        ],
        [
            "833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42",
            "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf",
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
            "dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b58909351fc9ac90b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704",
        ],
    ];

    private static IEnumerable<TestCaseData> VectorCases() =>
        from native in new[] { true, false }
        from index in Enumerable.Range(0, Rfc8032Vectors.Length)
        select new TestCaseData(native, index);

    [Test]
    public void Native_LinuxX64_LoadsAndIsTheDefault()
    {
        Assert.That(Ed25519Provider.Native, Is.Not.Null, "libsodium from the libsodium package should load on linux-x64");
        Assert.That(Ed25519Provider.Default, Is.SameAs(Ed25519Provider.Native));
    }

    [TestCaseSource(nameof(VectorCases))]
    public void SignAndVerify_Rfc8032Vectors_MatchVector(bool native, int index)
    {
        var provider = Provider(native);
        var vector = Rfc8032Vectors[index];
        var seed = Convert.FromHexString(vector[0]);
        var message = Convert.FromHexString(vector[2]);
        var publicKey = new byte[32];
        var signature = new byte[64];

        provider.DerivePublicKey(seed, publicKey);
        provider.Sign([.. seed, .. publicKey], message, signature);

        Assert.Multiple(() =>
        {
            Assert.That(Convert.ToHexStringLower(publicKey), Is.EqualTo(vector[1]));
            Assert.That(Convert.ToHexStringLower(signature), Is.EqualTo(vector[3]));
            Assert.That(provider.Verify(publicKey, message, Convert.FromHexString(vector[3])), Is.True);
        });
    }

    [TestCaseSource(nameof(VectorCases))]
    public void Verify_Rfc8032VectorWithAnyBitFlipped_IsFalse(bool native, int index)
    {
        var provider = Provider(native);
        var vector = Rfc8032Vectors[index];
        var publicKey = Convert.FromHexString(vector[1]);
        var message = Convert.FromHexString(vector[2]);
        var signature = Convert.FromHexString(vector[3]);

        for (var bit = 0; bit < 512; bit += 7)
        {
            var tampered = (byte[])signature.Clone();
            tampered[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.That(provider.Verify(publicKey, message, tampered), Is.False, $"signature bit {bit}");
        }

        if (message.Length > 0)
        {
            var otherMessage = (byte[])message.Clone();
            otherMessage[0] ^= 1;
            Assert.That(provider.Verify(publicKey, otherMessage, signature), Is.False, "other message");
        }

        var otherKey = (byte[])publicKey.Clone();
        otherKey[0] ^= 1;
        Assert.That(provider.Verify(otherKey, message, signature), Is.False, "other key");
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Sign_NoiseVectorResponder_GivesVectorSignature(bool native)
    {
        var provider = Provider(native);
        var seed = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        var publicKey = new byte[32];
        var signature = new byte[64];
        var message = NoiseIdentityBinding.SignedMessage(Convert.FromHexString(NoiseResponderStatic));

        provider.DerivePublicKey(seed, publicKey);
        provider.Sign([.. seed, .. publicKey], message, signature);

        Assert.That(Convert.ToHexStringLower(signature), Is.EqualTo(NoiseResponderSignature));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Verify_WrongLengths_IsFalse(bool native)
    {
        var provider = Provider(native);
        var vector = Rfc8032Vectors[1];
        var publicKey = Convert.FromHexString(vector[1]);
        var message = Convert.FromHexString(vector[2]);
        var signature = Convert.FromHexString(vector[3]);

        Assert.Multiple(() =>
        {
            Assert.That(provider.Verify(publicKey, message, signature.AsSpan(0, 63)), Is.False);
            Assert.That(provider.Verify(publicKey, message, [.. signature, 0]), Is.False);
            Assert.That(provider.Verify(publicKey.AsSpan(0, 31), message, signature), Is.False);
            Assert.That(provider.Verify(ReadOnlySpan<byte>.Empty, message, signature), Is.False);
        });
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Verify_NonCanonicalS_IsFalse(bool native)
    {
        // S + L, where L is the group order: the same point equation, but RFC 8032 §5.1.7 requires S < L.
        var provider = Provider(native);
        var vector = Rfc8032Vectors[0];
        var signature = Convert.FromHexString(vector[3]);
        var order = Convert.FromHexString("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010");
        var carry = 0;
        for (var i = 0; i < 32; i++)
        {
            var sum = signature[32 + i] + order[i] + carry;
            signature[32 + i] = (byte)sum;
            carry = sum >> 8;
        }

        Assert.That(provider.Verify(Convert.FromHexString(vector[1]), [], signature), Is.False);
    }

    [Test]
    public void NativeAndManaged_RandomSeedsAndMessages_SameKeysSignaturesAndVerdicts()
    {
        var random = new Random(8032);
        var seed = new byte[32];
        for (var round = 0; round < 100; round++)
        {
            random.NextBytes(seed);
            var message = new byte[random.Next(0, 300)];
            random.NextBytes(message);
            var nativePublic = new byte[32];
            var managedPublic = new byte[32];
            var nativeSignature = new byte[64];
            var managedSignature = new byte[64];

            Ed25519Provider.Native!.DerivePublicKey(seed, nativePublic);
            Ed25519Provider.Managed.DerivePublicKey(seed, managedPublic);
            Ed25519Provider.Native.Sign([.. seed, .. nativePublic], message, nativeSignature);
            Ed25519Provider.Managed.Sign([.. seed, .. managedPublic], message, managedSignature);
            var garbage = new byte[64];
            random.NextBytes(garbage);

            Assert.That(Convert.ToHexStringLower(nativePublic), Is.EqualTo(Convert.ToHexStringLower(managedPublic)), $"public key, round {round}");
            Assert.That(Convert.ToHexStringLower(nativeSignature), Is.EqualTo(Convert.ToHexStringLower(managedSignature)), $"signature, round {round}");
            Assert.That(Ed25519Provider.Native.Verify(managedPublic, message, managedSignature), Is.True, $"native verifies managed, round {round}");
            Assert.That(Ed25519Provider.Managed.Verify(nativePublic, message, nativeSignature), Is.True, $"managed verifies native, round {round}");
            Assert.That(Ed25519Provider.Native.Verify(nativePublic, message, garbage), Is.False, $"native, random signature, round {round}");
            Assert.That(Ed25519Provider.Managed.Verify(nativePublic, message, garbage), Is.False, $"managed, random signature, round {round}");
        }
    }

    [Test]
    public void IdentityKey_SignAndVerify_RoundTripAndMatchManaged()
    {
        var identity = IdentityKey.FromSeed(Convert.FromHexString(Rfc8032Vectors[2][0]));
        var message = Convert.FromHexString(Rfc8032Vectors[2][2]);

        var signature = identity.Sign(message);

        Assert.Multiple(() =>
        {
            Assert.That(Convert.ToHexStringLower(identity.PublicKey.Data), Is.EqualTo(Rfc8032Vectors[2][1]));
            Assert.That(Convert.ToHexStringLower(signature), Is.EqualTo(Rfc8032Vectors[2][3]));
            Assert.That(identity.PublicKey.Verify(message, signature), Is.True);
            Assert.That(identity.PublicKey.Verify([.. message, 0], signature), Is.False);
        });
    }

    private static Ed25519Provider Provider(bool native) =>
        native ? Ed25519Provider.Native ?? throw new InconclusiveException("libsodium did not load") : Ed25519Provider.Managed;
}
