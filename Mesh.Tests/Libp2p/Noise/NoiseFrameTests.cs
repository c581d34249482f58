using System.Buffers;
using Mesh.Libp2p.Noise;

namespace Mesh.Tests.Libp2p.Noise;

public sealed class NoiseFrameTests
{
    private static readonly byte[][] Messages = [[], [1, 2, 3, 4, 5], Enumerable.Range(0, 300).Select(i => (byte)i).ToArray()];

    [Test]
    public void TryRead_SplitAtEveryByte_ReadsTheSameFrames()
    {
        var wire = Encode(Messages);
        for (var split = 0; split <= wire.Length; split++)
        {
            Assert.That(ReadAll(TestSequences.Split(wire, split)), Is.EqualTo(Messages), $"split at {split}");
        }
    }

    [Test]
    public void TryRead_OneByteSegments_ReadsTheSameFrames() =>
        Assert.That(ReadAll(TestSequences.Bytewise(Encode(Messages))), Is.EqualTo(Messages));

    [Test]
    public void TryRead_Coalesced_ReadsEveryFrameInOrderAndConsumesAll()
    {
        var buffer = new ReadOnlySequence<byte>(Encode(Messages));
        var read = new List<byte[]>();
        while (NoiseFrame.TryRead(ref buffer, out var message))
        {
            read.Add(message.ToArray());
        }

        Assert.Multiple(() =>
        {
            Assert.That(read, Is.EqualTo(Messages));
            Assert.That(buffer.IsEmpty, Is.True);
        });
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(6)]
    public void TryRead_IncompleteFrame_ReturnsFalseAndLeavesBuffer(int available)
    {
        var wire = Encode([[1, 2, 3, 4, 5]]);
        var buffer = new ReadOnlySequence<byte>(wire, 0, available);

        Assert.Multiple(() =>
        {
            Assert.That(NoiseFrame.TryRead(ref buffer, out _), Is.False);
            Assert.That(buffer.Length, Is.EqualTo(available));
        });
    }

    [Test]
    public void TryRead_MaximumLength_IsAccepted()
    {
        var wire = Encode([new byte[NoiseFrame.MaxMessageLength]]);
        var buffer = new ReadOnlySequence<byte>(wire);

        Assert.Multiple(() =>
        {
            Assert.That(wire[..2], Is.EqualTo(new byte[] { 0xff, 0xff }));
            Assert.That(NoiseFrame.TryRead(ref buffer, out var message), Is.True);
            Assert.That(message.Length, Is.EqualTo(NoiseFrame.MaxMessageLength));
        });
    }

    [Test]
    public void TryRead_RandomGarbage_NeverThrows()
    {
        var random = new Random(42);
        for (var i = 0; i < 2000; i++)
        {
            var bytes = new byte[random.Next(0, 600)];
            random.NextBytes(bytes);
            var buffer = TestSequences.Split(bytes, random.Next(bytes.Length + 1), random.Next(bytes.Length + 1));
            Assert.DoesNotThrow(() =>
            {
                while (NoiseFrame.TryRead(ref buffer, out _))
                {
                }
            });
        }
    }

    [Test]
    public void Write_LongerThanMaximum_Throws()
    {
        var writer = new ArrayBufferWriter<byte>();
        Assert.Throws<ArgumentOutOfRangeException>(() => NoiseFrame.Write(writer, new byte[NoiseFrame.MaxMessageLength + 1]));
    }

    [Test]
    public void Write_Message_PrefixesBigEndianLength()
    {
        var writer = new ArrayBufferWriter<byte>();
        NoiseFrame.Write(writer, new byte[0x0123]);
        Assert.That(writer.WrittenSpan[..2].ToArray(), Is.EqualTo(new byte[] { 0x01, 0x23 }));
    }

    private static byte[] Encode(byte[][] messages)
    {
        var writer = new ArrayBufferWriter<byte>();
        foreach (var message in messages)
        {
            NoiseFrame.Write(writer, message);
        }

        return writer.WrittenSpan.ToArray();
    }

    private static List<byte[]> ReadAll(ReadOnlySequence<byte> buffer)
    {
        var read = new List<byte[]>();
        while (NoiseFrame.TryRead(ref buffer, out var message))
        {
            read.Add(message.ToArray());
        }

        return read;
    }
}
