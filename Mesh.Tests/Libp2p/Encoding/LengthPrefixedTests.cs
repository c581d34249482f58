using System.Buffers;
using System.IO.Pipelines;
using Mesh.Libp2p;
using Mesh.Libp2p.Encoding;
using Mesh.Tests.Libp2p.Multistream;

namespace Mesh.Tests.Libp2p.Encoding;

public sealed class LengthPrefixedTests
{
    private static readonly byte[] Payload = Enumerable.Range(0, 300).Select(i => (byte)i).ToArray();

    [Test]
    public void Encode_KnownLengths_WriteMinimalVarintPrefix()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Convert.ToHexStringLower(LengthPrefixed.Encode([])), Is.EqualTo("00"));
            Assert.That(Convert.ToHexStringLower(LengthPrefixed.Encode([0xab])), Is.EqualTo("01ab"));
            Assert.That(LengthPrefixed.Encode(Payload)[..3], Is.EqualTo(new byte[] { 0xac, 0x02, 0x00 }));
        });
    }

    [Test]
    public void TryRead_SplitAtEveryByte_ReadsTheFrame()
    {
        var frame = LengthPrefixed.Encode(Payload);
        var inputs = Enumerable.Range(0, frame.Length + 1).Select(split => TestSequences.Split(frame, split)).Append(TestSequences.Bytewise(frame));
        foreach (var input in inputs)
        {
            var buffer = input;
            Assert.That(LengthPrefixed.TryRead(ref buffer, 1000, out var payload), Is.EqualTo(LengthPrefixedResult.Ok));
            Assert.That(payload.ToArray(), Is.EqualTo(Payload));
            Assert.That(buffer.IsEmpty, Is.True);
        }
    }

    [Test]
    public void TryRead_EveryTruncation_NeedsMoreAndLeavesBufferUnchanged()
    {
        var frame = LengthPrefixed.Encode(Payload);
        for (var length = 0; length < frame.Length; length++)
        {
            var buffer = TestSequences.Bytewise(frame.AsMemory(0, length));
            var before = buffer;
            Assert.That(LengthPrefixed.TryRead(ref buffer, 1000, out _), Is.EqualTo(LengthPrefixedResult.NeedMore), $"length {length}");
            Assert.That(buffer, Is.EqualTo(before));
        }
    }

    [Test]
    public void TryRead_CoalescedFrames_ReadsEachInOrder()
    {
        byte[][] payloads = [[1, 2, 3], [], Payload, [9]];
        var joined = payloads.SelectMany(p => LengthPrefixed.Encode(p)).ToArray();
        var buffer = TestSequences.Split(joined, 2, 5, 7, 100);

        foreach (var expected in payloads)
        {
            Assert.That(LengthPrefixed.TryRead(ref buffer, 1000, out var payload), Is.EqualTo(LengthPrefixedResult.Ok));
            Assert.That(payload.ToArray(), Is.EqualTo(expected));
        }

        Assert.That(LengthPrefixed.TryRead(ref buffer, 1000, out _), Is.EqualTo(LengthPrefixedResult.NeedMore));
    }

    [Test]
    public void TryRead_LengthOverMaximum_IsTooLargeBeforeThePayloadArrives()
    {
        // Only the prefix claiming a megabyte is here: the verdict must not wait for the payload.
        var buffer = new ReadOnlySequence<byte>(Varint.Encode(1_000_000));
        Assert.That(LengthPrefixed.TryRead(ref buffer, 8192, out _), Is.EqualTo(LengthPrefixedResult.TooLarge));

        var atLimit = new ReadOnlySequence<byte>(Varint.Encode(8192));
        Assert.That(LengthPrefixed.TryRead(ref atLimit, 8192, out _), Is.EqualTo(LengthPrefixedResult.NeedMore));
    }

    [TestCase("8000")]
    [TestCase("ffffffffffffffffff01")]
    public void TryRead_BadLengthVarint_IsInvalid(string hex)
    {
        var buffer = new ReadOnlySequence<byte>(Convert.FromHexString(hex));
        Assert.That(LengthPrefixed.TryRead(ref buffer, int.MaxValue, out _), Is.EqualTo(LengthPrefixedResult.Invalid));
    }

    [Test]
    public void TryRead_RandomGarbage_NeverThrowsOrOverreads()
    {
        var random = new Random(400);
        for (var i = 0; i < 5000; i++)
        {
            var bytes = new byte[random.Next(0, 40)];
            random.NextBytes(bytes);
            var buffer = TestSequences.Split(bytes, random.Next(0, 40), random.Next(0, 40));
            var status = LengthPrefixed.TryRead(ref buffer, 16, out var payload);
            if (status == LengthPrefixedResult.Ok)
            {
                Assert.That(payload.Length, Is.LessThanOrEqualTo(16));
            }
        }
    }

    [Test]
    public async Task ReadAsync_FramesThenEnd_ReturnsEachThenNull()
    {
        var pipe = new Pipe();
        await pipe.Writer.SendAsync(LengthPrefixed.Encode([1, 2]), LengthPrefixed.Encode([]), LengthPrefixed.Encode(Payload));
        await pipe.Writer.CompleteAsync();

        Assert.That(await LengthPrefixed.ReadAsync(pipe.Reader, 1000), Is.EqualTo(new byte[] { 1, 2 }));
        Assert.That(await LengthPrefixed.ReadAsync(pipe.Reader, 1000), Is.Empty);
        Assert.That(await LengthPrefixed.ReadAsync(pipe.Reader, 1000), Is.EqualTo(Payload));
        Assert.That(await LengthPrefixed.ReadAsync(pipe.Reader, 1000), Is.Null);
    }

    [Test]
    public async Task ReadAsync_BytesTrickleInOneAtATime_ReadsTheFrame()
    {
        var pipe = new Pipe();
        var read = LengthPrefixed.ReadAsync(pipe.Reader, 1000).AsTask();
        foreach (var b in LengthPrefixed.Encode(Payload))
        {
            await pipe.Writer.SendAsync([b]);
        }

        Assert.That(await read.Bounded(), Is.EqualTo(Payload));
    }

    [Test]
    public async Task ReadAsync_BytesAfterTheFrame_StayForTheNextReader()
    {
        var pipe = new Pipe();
        await pipe.Writer.SendAsync(LengthPrefixed.Encode([7]), [0xde, 0xad]);

        await LengthPrefixed.ReadAsync(pipe.Reader, 1000);

        Assert.That(await pipe.Reader.ReadExactlyAsync(2), Is.EqualTo(new byte[] { 0xde, 0xad }));
    }

    [Test]
    public async Task ReadAsync_EndInsideFrame_Throws()
    {
        var pipe = new Pipe();
        await pipe.Writer.SendAsync(LengthPrefixed.Encode(Payload)[..10]);
        await pipe.Writer.CompleteAsync();

        Assert.That(async () => await LengthPrefixed.ReadAsync(pipe.Reader, 1000), Throws.InstanceOf<Libp2pException>());
    }

    [Test]
    public async Task ReadAsync_TooLargeLength_ThrowsWithoutWaitingForPayload()
    {
        var pipe = new Pipe();
        await pipe.Writer.SendAsync(Varint.Encode(100_000));

        var read = LengthPrefixed.ReadAsync(pipe.Reader, 8192).AsTask();

        Assert.That(async () => await read.Bounded(), Throws.InstanceOf<Libp2pException>().With.Message.Contains("8192"));
    }

    [Test]
    public async Task WriteAsync_Payload_IsPrefixedAndFlushed()
    {
        var pipe = new Pipe();
        await LengthPrefixed.WriteAsync(pipe.Writer, new byte[] { 5, 6, 7 });

        Assert.That(await pipe.Reader.ReadExactlyAsync(4), Is.EqualTo(new byte[] { 3, 5, 6, 7 }));
    }
}
