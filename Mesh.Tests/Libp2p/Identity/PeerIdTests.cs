using Mesh.Libp2p.Identity;

namespace Mesh.Tests.Libp2p.Identity;

public sealed class PeerIdTests
{
    // Wire notes §3.4.
    private const string SpecPrivateKey = "080112407e0830617c4a7de83925dfb2694556b12936c477a0e1feb2e148ec9da60fee7d1ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e";
    private const string SpecPeerId = "12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq";

    [Test]
    public void FromSeed_SpecKey_DerivesSpecPeerIdAndProtobufs()
    {
        var key = IdentityKey.FromSeed(Convert.FromHexString("7e0830617c4a7de83925dfb2694556b12936c477a0e1feb2e148ec9da60fee7d"));

        Assert.Multiple(() =>
        {
            Assert.That(Convert.ToHexStringLower(key.PublicKey.ToProtobuf()), Is.EqualTo("080112201ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e"));
            Assert.That(Convert.ToHexStringLower(key.PeerId.Bytes), Is.EqualTo("0024080112201ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e"));
            Assert.That(key.PeerId.ToString(), Is.EqualTo(SpecPeerId));
            Assert.That(key.PeerId.ToCidString(), Is.EqualTo("bafzaajaiaejcahwr5d5ofrfbis4l5d6uwr57hu5tjodrypfm6yaq6dsc2r2pzyt6"));
            Assert.That(Convert.ToHexStringLower(key.ToPrivateKeyProtobuf()), Is.EqualTo(SpecPrivateKey));
        });
    }

    [Test]
    public void TryParsePrivateKeyProtobuf_SpecKey_RoundTrips()
    {
        Assert.That(IdentityKey.TryParsePrivateKeyProtobuf(Convert.FromHexString(SpecPrivateKey), out var key), Is.True);
        Assert.That(key!.PeerId.ToString(), Is.EqualTo(SpecPeerId));
    }

    [Test]
    public void TryParsePrivateKeyProtobuf_MismatchedPublicHalf_IsRejected()
    {
        var bytes = Convert.FromHexString(SpecPrivateKey);
        bytes[^1] ^= 1;
        Assert.That(IdentityKey.TryParsePrivateKeyProtobuf(bytes, out _), Is.False);
    }

    [TestCase("12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq", "bafzaajaiaejcahwr5d5ofrfbis4l5d6uwr57hu5tjodrypfm6yaq6dsc2r2pzyt6")]
    [TestCase("16Uiu2HAmLhLvBoYaoZfaMUKuibM6ac163GwKY74c5kiSLg5KvLpY", "bafzaajiiaijcca3xo7uzjzcsyilaj6i54cj44qk7kqzpoao5rti2pjx6udtdbp6kte")]
    [TestCase("QmaeANgBs1DTSxWSrPPtobgQuxW8XTfsS4ydbK4rCHzqxG", "bafzbeifwzcumbiyql7bhv7fe7mixg6i7aohegq75k234m63bnw6dbicmzu")]
    [TestCase("QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N", "bafzbeie5745rpv2m6tjyuugywy4d5ewrqgqqhfnf445he3omzpjbx5xqxe")]
    [TestCase("12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA", "bafzaajaiaejcal72gwuz2or47oyxxn6b3rkwdmmkrxgkjxzy3rqt5kczyn7lcm3l")]
    public void TryParse_Base58AndCidForms_AreTheSamePeer(string base58, string cid)
    {
        var fromBase58 = PeerId.Parse(base58);
        var fromCid = PeerId.Parse(cid);

        Assert.Multiple(() =>
        {
            Assert.That(fromCid, Is.EqualTo(fromBase58));
            Assert.That(fromBase58.ToString(), Is.EqualTo(base58));
            Assert.That(fromBase58.ToCidString(), Is.EqualTo(cid));
        });
    }

    [Test]
    public void FromPublicKey_Secp256k1SpecKey_IsIdentityMultihash()
    {
        Assert.That(PublicKey.TryParseProtobuf(Convert.FromHexString("08021221037777e994e452c21604f91de093ce415f5432f701dd8cd1a7a6fea0e630bfca99"), out var key), Is.True);
        Assert.That(key!.ToPeerId().ToString(), Is.EqualTo("16Uiu2HAmLhLvBoYaoZfaMUKuibM6ac163GwKY74c5kiSLg5KvLpY"));
    }

    [TestCase("")]
    [TestCase("12D3KooW0")]
    [TestCase("bafzaaj")]
    [TestCase("zzzz")]
    [TestCase("Qm")]
    public void TryParse_Garbage_ReturnsFalse(string text) => Assert.That(PeerId.TryParse(text, out _), Is.False);

    [Test]
    public void Sign_ThenVerify_AcceptsOnlyTheSignedMessage()
    {
        var key = IdentityKey.Generate();
        var signature = key.Sign("hello"u8);

        Assert.Multiple(() =>
        {
            Assert.That(key.PublicKey.Verify("hello"u8, signature), Is.True);
            Assert.That(key.PublicKey.Verify("hellO"u8, signature), Is.False);
            Assert.That(key.PeerId.TryGetInlinePublicKey(), Is.EqualTo(key.PublicKey));
        });
    }
}
