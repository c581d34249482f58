using Mesh.Libp2p.Identity;
using Mesh.Libp2p.PubSub;

namespace Mesh.Tests.Libp2p.PubSub;

/// <summary>The gossipsub vectors of wire notes §10.8, byte for byte.</summary>
public sealed class GossipVectorTests
{
    private const string Unsigned = "0a260024080112201ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e120568656c6c6f1a080000000000000001220474657374";
    private const string Signature = "f05e62a21b5f1f89b4ab356feb34c493746a2af8ef2fa03b9fd4956fb40d3c279b1eae5153c6b28dce3b2f9bed546dc1cfd5a71513af0aa38ee38d31675ac30f";
    private const string FramedPublish = "aa0112a7010a260024080112201ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e120568656c6c6f1a0800000000000000012204746573742a40f05e62a21b5f1f89b4ab356feb34c493746a2af8ef2fa03b9fd4956fb40d3c279b1eae5153c6b28dce3b2f9bed546dc1cfd5a71513af0aa38ee38d31675ac30f3224080112201ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e";
    private const string JsId = "080112201ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e0000000000000001";
    private const string GoId = "0024080112201ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e0000000000000001";

    private static readonly IdentityKey Author = IdentityKey.FromSeed(Convert.FromHexString("7e0830617c4a7de83925dfb2694556b12936c477a0e1feb2e148ec9da60fee7d"));

    private static GossipMessage SpecMessage() => GossipMessageSigning.Sign(Author, "test", "hello"u8, 1);

    [Test]
    public void Sign_SpecInputs_UnsignedBytesAndSignatureMatch()
    {
        var message = SpecMessage();

        Assert.Multiple(() =>
        {
            Assert.That(Convert.ToHexStringLower(GossipRpcEncoder.EncodeUnsigned(message)), Is.EqualTo(Unsigned));
            Assert.That(Convert.ToHexStringLower(message.Signature!), Is.EqualTo(Signature));
        });
    }

    [Test]
    public void EncodeFramed_SpecPublish_MatchesJsBytes()
    {
        var framed = GossipRpcEncoder.EncodeFramed(GossipRpc.OfMessages(SpecMessage()));

        Assert.That(Convert.ToHexStringLower(framed), Is.EqualTo(FramedPublish));
    }

    [Test]
    public void MessageIds_SpecMessage_MatchJsAndGo()
    {
        var message = SpecMessage();

        Assert.Multiple(() =>
        {
            Assert.That(Convert.ToHexStringLower(MessageIds.JsStrictSign(Author.PublicKey, message.Seqno)), Is.EqualTo(JsId));
            Assert.That(Convert.ToHexStringLower(MessageIds.FromAndSeqno(message.From, message.Seqno)), Is.EqualTo(GoId));
        });
    }

    [Test]
    public void Validate_SpecPublishDecoded_IsValidWithAndWithoutKey()
    {
        Assert.That(GossipRpcDecoder.TryDecode(Convert.FromHexString(FramedPublish).AsSpan(2), new GossipRpcLimits(), out var rpc), Is.True);
        var message = rpc!.Messages.Single();

        Assert.Multiple(() =>
        {
            Assert.That(GossipMessageSigning.Validate(message, out var author, out _), Is.EqualTo(MessageValidationResult.Valid));
            Assert.That(author, Is.EqualTo(Author.PeerId));
            Assert.That(GossipMessageSigning.Validate(message with { Key = null }, out _, out _), Is.EqualTo(MessageValidationResult.Valid));
        });
    }

    [TestCase("0a080801120474657374")]
    [TestCase("1a081a060a0474657374")]
    [TestCase("1a0a22080a0474657374183c")]
    [TestCase("1a360a340a0474657374122c" + JsId)]
    public void Encode_SpecControlRpcs_RoundTripByteForByte(string hex)
    {
        Assert.That(GossipRpcDecoder.TryDecode(Convert.FromHexString(hex), new GossipRpcLimits(), out var rpc), Is.True);

        Assert.That(Convert.ToHexStringLower(GossipRpcEncoder.Encode(rpc!)), Is.EqualTo(hex));
    }

    [Test]
    public void Encode_BuiltControlRpcs_MatchSpecBytes()
    {
        var subscribe = GossipRpc.OfSubscriptions(new SubscriptionChange(true, "test"));
        var graft = GossipRpc.OfControl(new ControlMessage([], [], [new ControlGraft("test")], []));
        var prune = GossipRpc.OfControl(new ControlMessage([], [], [], [new ControlPrune("test", [], 60)]));
        var ihave = GossipRpc.OfControl(new ControlMessage([new ControlIHave("test", [Convert.FromHexString(JsId)])], [], [], []));

        Assert.Multiple(() =>
        {
            Assert.That(Convert.ToHexStringLower(GossipRpcEncoder.EncodeFramed(subscribe)), Is.EqualTo("0a0a080801120474657374"));
            Assert.That(Convert.ToHexStringLower(GossipRpcEncoder.Encode(graft)), Is.EqualTo("1a081a060a0474657374"));
            Assert.That(Convert.ToHexStringLower(GossipRpcEncoder.Encode(prune)), Is.EqualTo("1a0a22080a0474657374183c"));
            Assert.That(Convert.ToHexStringLower(GossipRpcEncoder.Encode(ihave)), Is.EqualTo("1a360a340a0474657374122c" + JsId));
        });
    }

    [Test]
    public void Encode_EmptyData_KeepsPresentEmptyField()
    {
        var message = GossipMessageSigning.Sign(Author, "test", [], 1);

        Assert.Multiple(() =>
        {
            Assert.That(Convert.ToHexStringLower(GossipRpcEncoder.EncodeUnsigned(message)), Does.Contain("1200"));
            Assert.That(GossipMessageSigning.Validate(message, out _, out _), Is.EqualTo(MessageValidationResult.Valid));
        });
    }
}
