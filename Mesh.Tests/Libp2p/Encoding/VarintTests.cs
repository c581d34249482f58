using System.Buffers;
using Mesh.Libp2p.Encoding;

namespace Mesh.Tests.Libp2p.Encoding;

public sealed class VarintTests
{
    [TestCase(1UL, "01")]
    [TestCase(127UL, "7f")]
    [TestCase(128UL, "8001")]
    [TestCase(255UL, "ff01")]
    [TestCase(300UL, "ac02")]
    [TestCase(16384UL, "808001")]
    public void Encode_SpecExamples_MatchBytes(ulong value, string hex)
    {
        Assert.That(Convert.ToHexStringLower(Varint.Encode(value)), Is.EqualTo(hex));
        Assert.That(Varint.TryRead(Convert.FromHexString(hex), out var read, out var length), Is.EqualTo(VarintResult.Ok));
        Assert.That((read, length), Is.EqualTo((value, hex.Length / 2)));
    }

    [TestCase("8000")]
    [TestCase("ff80808080808080808001")]
    public void TryRead_NonMinimalOrTooLong_IsInvalid(string hex) =>
        Assert.That(Varint.TryRead(Convert.FromHexString(hex), out _, out _), Is.EqualTo(VarintResult.Invalid));

    [Test]
    public void TryRead_SplitAcrossSegments_ReadsWholeValue()
    {
        var bytes = Varint.Encode(16384);
        for (var split = 1; split < bytes.Length; split++)
        {
            var sequence = TestSequences.Split(bytes, split);
            Assert.That(Varint.TryRead(sequence, out var value, out _), Is.EqualTo(VarintResult.Ok));
            Assert.That(value, Is.EqualTo(16384UL));
            Assert.That(Varint.TryRead(new ReadOnlySequence<byte>(bytes, 0, split), out _, out _), Is.EqualTo(VarintResult.NeedMore));
        }
    }
}
