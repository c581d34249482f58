using System.Buffers;
using Mesh.Libp2p.Identity;
using Mesh.Libp2p.PubSub;

namespace Mesh.Tests.Libp2p.PubSub;

public sealed class GossipRpcDecoderTests
{
    private static readonly GossipRpcLimits Limits = new();

    private static GossipRpc SampleRpc()
    {
        var key = IdentityKey.Generate();
        return new GossipRpc(
            [new SubscriptionChange(true, "a"), new SubscriptionChange(false, "b")],
            [GossipMessageSigning.Sign(key, "a", "payload"u8, 7)],
            new ControlMessage(
                [new ControlIHave("a", [[1, 2, 3], [4]])],
                [new ControlIWant([[9, 9]])],
                [new ControlGraft("a")],
                [new ControlPrune("b", [new PeerExchangeInfo(key.PeerId.Bytes.ToArray(), null)], 10)]));
    }

    [Test]
    public void TryDecode_EncodedRpc_RoundTrips()
    {
        var bytes = GossipRpcEncoder.Encode(SampleRpc());

        Assert.That(GossipRpcDecoder.TryDecode(bytes, Limits, out var rpc), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(GossipRpcEncoder.Encode(rpc!), Is.EqualTo(bytes));
            Assert.That(rpc!.Subscriptions, Has.Count.EqualTo(2));
            Assert.That(rpc.Control!.Prune.Single().BackoffSeconds, Is.EqualTo(10));
        });
    }

    [Test]
    public void TryRead_SplitAtEveryByte_ReadsTheFrame()
    {
        var frame = GossipRpcEncoder.EncodeFramed(SampleRpc());
        for (var split = 0; split <= frame.Length; split++)
        {
            var partial = new ReadOnlySequence<byte>(frame.AsMemory(0, split));
            var status = GossipRpcFrame.TryRead(ref partial, Limits, out _, out _, out _);
            Assert.That(status, Is.EqualTo(split == frame.Length ? GossipFrameResult.Ok : GossipFrameResult.NeedMore), $"prefix {split}");

            var buffer = TestSequences.Split(frame, split);
            Assert.That(GossipRpcFrame.TryRead(ref buffer, Limits, out var rpc, out _, out _), Is.EqualTo(GossipFrameResult.Ok), $"split {split}");
            Assert.That(GossipRpcEncoder.EncodeFramed(rpc!), Is.EqualTo(frame));
        }
    }

    [Test]
    public void TryRead_Bytewise_ReadsTheFrame()
    {
        var frame = GossipRpcEncoder.EncodeFramed(SampleRpc());
        var buffer = TestSequences.Bytewise(frame);

        Assert.That(GossipRpcFrame.TryRead(ref buffer, Limits, out _, out _, out _), Is.EqualTo(GossipFrameResult.Ok));
        Assert.That(buffer.IsEmpty, Is.True);
    }

    [Test]
    public void TryRead_CoalescedFrames_ReadsEachInOrder()
    {
        var first = GossipRpcEncoder.EncodeFramed(GossipRpc.OfSubscriptions(new SubscriptionChange(true, "one")));
        var second = GossipRpcEncoder.EncodeFramed(SampleRpc());
        var buffer = new ReadOnlySequence<byte>([.. first, .. second, .. first]);

        var topics = new List<string?>();
        while (GossipRpcFrame.TryRead(ref buffer, Limits, out var rpc, out _, out _) == GossipFrameResult.Ok)
        {
            topics.Add(rpc!.Subscriptions[0].Topic);
        }

        Assert.That(topics, Is.EqualTo(new[] { "one", "a", "one" }));
        Assert.That(buffer.IsEmpty, Is.True);
    }

    [Test]
    public void TryRead_LengthOverLimit_TooLargeWithoutConsuming()
    {
        var buffer = new ReadOnlySequence<byte>([0x80, 0x80, 0x80, 0x04, 1, 2]);

        Assert.That(GossipRpcFrame.TryRead(ref buffer, new GossipRpcLimits { MaxRpcSize = 1024 }, out _, out var declared, out var prefix), Is.EqualTo(GossipFrameResult.TooLarge));
        Assert.Multiple(() =>
        {
            Assert.That(declared, Is.EqualTo(1UL << 23));
            Assert.That(prefix, Is.EqualTo(4));
            Assert.That(buffer.Length, Is.EqualTo(6));
        });
    }

    [Test]
    public void TryRead_GarbageBody_MalformedAndConsumed()
    {
        var buffer = new ReadOnlySequence<byte>([3, 0x0a, 0xff, 0x01, 0x0a, 0x00]);

        Assert.That(GossipRpcFrame.TryRead(ref buffer, Limits, out _, out _, out _), Is.EqualTo(GossipFrameResult.Malformed));
        Assert.That(buffer.Length, Is.EqualTo(2));
    }

    [Test]
    public void TryDecode_TooManyIHaveIds_Rejected()
    {
        var ids = Enumerable.Range(0, 6).Select(i => new[] { (byte)i }).ToArray();
        var bytes = GossipRpcEncoder.Encode(GossipRpc.OfControl(new ControlMessage([new ControlIHave("t", ids)], [], [], [])));

        Assert.Multiple(() =>
        {
            Assert.That(GossipRpcDecoder.TryDecode(bytes, new GossipRpcLimits { MaxListLength = 5 }, out _), Is.False);
            Assert.That(GossipRpcDecoder.TryDecode(bytes, new GossipRpcLimits { MaxListLength = 6 }, out _), Is.True);
        });
    }

    [Test]
    public void TryDecode_TooManyPrunePeers_Rejected()
    {
        var peers = Enumerable.Range(0, 17).Select(_ => new PeerExchangeInfo([1], null)).ToArray();
        var bytes = GossipRpcEncoder.Encode(GossipRpc.OfControl(new ControlMessage([], [], [], [new ControlPrune("t", peers, 1)])));

        Assert.That(GossipRpcDecoder.TryDecode(bytes, Limits, out _), Is.False);
    }

    [Test]
    public void TryDecode_RandomGarbage_NeverThrows()
    {
        var random = new Random(600);
        var valid = GossipRpcEncoder.Encode(SampleRpc());
        for (var i = 0; i < 20_000; i++)
        {
            byte[] bytes;
            if (i % 2 == 0)
            {
                bytes = new byte[random.Next(0, 64)];
                random.NextBytes(bytes);
            }
            else
            {
                bytes = (byte[])valid.Clone();
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            Assert.DoesNotThrow(() => GossipRpcDecoder.TryDecode(bytes, Limits, out _));
            var buffer = new ReadOnlySequence<byte>(bytes);
            Assert.DoesNotThrow(() => GossipRpcFrame.TryRead(ref buffer, Limits, out _, out _, out _));
        }
    }

    [Test]
    public void Validate_TamperedMessages_Rejected()
    {
        var key = IdentityKey.Generate();
        var message = GossipMessageSigning.Sign(key, "t", "data"u8, 1);

        Assert.Multiple(() =>
        {
            Assert.That(GossipMessageSigning.Validate(message with { Data = "dat4"u8.ToArray() }, out _, out _), Is.EqualTo(MessageValidationResult.InvalidSignature));
            Assert.That(GossipMessageSigning.Validate(message with { Signature = null }, out _, out _), Is.EqualTo(MessageValidationResult.NotSigned));
            Assert.That(GossipMessageSigning.Validate(message with { Seqno = [1, 2, 3] }, out _, out _), Is.EqualTo(MessageValidationResult.BadSequenceNumber));
            Assert.That(GossipMessageSigning.Validate(message with { Key = IdentityKey.Generate().PublicKey.ToProtobuf() }, out _, out _), Is.EqualTo(MessageValidationResult.BadAuthor));
            Assert.That(GossipMessageSigning.Validate(message with { From = [1, 2] }, out _, out _), Is.EqualTo(MessageValidationResult.BadAuthor));
        });
    }

    [Test]
    public void Validate_OptionsOutOfRange_NameTheOption()
    {
        var options = new GossipsubOptions { DLow = 7 };

        Assert.That(() => options.Validate(), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("DLow"));
        Assert.That(() => new GossipsubOptions { MessageCacheGossip = 6 }.Validate(), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("MessageCacheGossip"));
        Assert.DoesNotThrow(() => new GossipsubOptions().Validate());
    }
}
