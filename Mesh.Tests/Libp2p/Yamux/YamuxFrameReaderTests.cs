using System.Buffers;
using Mesh.Libp2p.Yamux;

namespace Mesh.Tests.Libp2p.Yamux;

public sealed class YamuxFrameReaderTests
{
    private const uint Limit = YamuxOptions.InitialWindowSize;

    [Test]
    public void TryReadFrame_DataFrameSplitAtEveryByte_ReadsPayloadOnceComplete()
    {
        var frame = Convert.FromHexString("000000000000000100000005" + "68656c6c6f");
        for (var split = 0; split <= frame.Length; split++)
        {
            var partial = new ReadOnlySequence<byte>(frame, 0, split);
            Assert.That(YamuxFrameReader.TryReadFrame(ref partial, Limit, out _, out _), Is.EqualTo(split == frame.Length ? YamuxFrameStatus.Ok : YamuxFrameStatus.NeedMore), $"prefix {split}");

            var buffer = TestSequences.Split(frame, split);
            Assert.That(YamuxFrameReader.TryReadFrame(ref buffer, Limit, out var header, out var payload), Is.EqualTo(YamuxFrameStatus.Ok), $"split at {split}");
            Assert.Multiple(() =>
            {
                Assert.That(header, Is.EqualTo(new YamuxHeader(YamuxFrameType.Data, YamuxFlags.None, 1, 5)));
                Assert.That(payload.ToArray(), Is.EqualTo("hello"u8.ToArray()));
                Assert.That(buffer.IsEmpty, Is.True);
            });
        }
    }

    [Test]
    public void TryReadFrame_BytewiseSequence_ReadsFrame()
    {
        var frame = Convert.FromHexString("000000010000000300000003" + "616263");
        var buffer = TestSequences.Bytewise(frame);

        Assert.That(YamuxFrameReader.TryReadFrame(ref buffer, Limit, out var header, out var payload), Is.EqualTo(YamuxFrameStatus.Ok));
        Assert.That(header.Flags, Is.EqualTo(YamuxFlags.Syn));
        Assert.That(payload.ToArray(), Is.EqualTo("abc"u8.ToArray()));
    }

    [Test]
    public void TryReadFrame_CoalescedFrames_ReadsEachInTurn()
    {
        var bytes = Convert.FromHexString(
            "000100010000000100000000" +
            "000000000000000100000002" + "6869" +
            "000200010000000000000007" +
            "000100040000000100000000");
        var buffer = TestSequences.Split(bytes, 5, 13, 27, 40);
        var headers = new List<YamuxHeader>();
        while (YamuxFrameReader.TryReadFrame(ref buffer, Limit, out var header, out _) == YamuxFrameStatus.Ok)
        {
            headers.Add(header);
        }

        Assert.That(headers, Is.EqualTo(new[]
        {
            new YamuxHeader(YamuxFrameType.WindowUpdate, YamuxFlags.Syn, 1, 0),
            new YamuxHeader(YamuxFrameType.Data, YamuxFlags.None, 1, 2),
            new YamuxHeader(YamuxFrameType.Ping, YamuxFlags.Syn, 0, 7),
            new YamuxHeader(YamuxFrameType.WindowUpdate, YamuxFlags.Fin, 1, 0),
        }));
        Assert.That(buffer.IsEmpty, Is.True);
    }

    [Test]
    public void TryReadFrame_DataLongerThanLimit_IsRejectedBeforeThePayloadArrives()
    {
        var header = new byte[YamuxHeader.Size];
        new YamuxHeader(YamuxFrameType.Data, YamuxFlags.None, 1, Limit + 1).Write(header);
        var buffer = new ReadOnlySequence<byte>(header);

        Assert.That(YamuxFrameReader.TryReadFrame(ref buffer, Limit, out _, out _), Is.EqualTo(YamuxFrameStatus.DataTooLarge));
        Assert.That(buffer.Length, Is.EqualTo(YamuxHeader.Size), "the buffer is left as it was");
    }

    [Test]
    public void TryReadFrame_WindowUpdateWithLargeDelta_IsNotALengthPrefix()
    {
        var header = new byte[YamuxHeader.Size];
        new YamuxHeader(YamuxFrameType.WindowUpdate, YamuxFlags.None, 1, uint.MaxValue).Write(header);
        var buffer = new ReadOnlySequence<byte>(header);

        Assert.That(YamuxFrameReader.TryReadFrame(ref buffer, Limit, out var parsed, out var payload), Is.EqualTo(YamuxFrameStatus.Ok));
        Assert.That(parsed.Length, Is.EqualTo(uint.MaxValue));
        Assert.That(payload.IsEmpty, Is.True);
    }

    [TestCase("010000000000000100000000", YamuxFrameStatus.UnsupportedVersion)]
    [TestCase("000400000000000000000000", YamuxFrameStatus.UnknownType)]
    [TestCase("00ff00000000000000000000", YamuxFrameStatus.UnknownType)]
    public void TryReadFrame_InvalidHeader_ReportsWhy(string hex, YamuxFrameStatus expected)
    {
        var buffer = new ReadOnlySequence<byte>(Convert.FromHexString(hex));

        Assert.That(YamuxFrameReader.TryReadFrame(ref buffer, Limit, out _, out _), Is.EqualTo(expected));
    }

    [Test]
    public void TryReadFrame_RandomGarbage_NeverThrows()
    {
        var random = new Random(1234);
        for (var i = 0; i < 2000; i++)
        {
            var bytes = new byte[random.Next(0, 64)];
            random.NextBytes(bytes);
            if (i % 2 == 0 && bytes.Length > 0)
            {
                // Half the inputs keep a valid version and type, to reach the length checks.
                bytes[0] = 0;
                if (bytes.Length > 1)
                {
                    bytes[1] = (byte)(bytes[1] % 4);
                }
            }

            var buffer = TestSequences.Split(bytes, random.Next(0, bytes.Length + 1), random.Next(0, bytes.Length + 1));
            Assert.DoesNotThrow(() =>
            {
                while (YamuxFrameReader.TryReadFrame(ref buffer, 16, out _, out _) == YamuxFrameStatus.Ok)
                {
                }
            });
        }
    }
}
