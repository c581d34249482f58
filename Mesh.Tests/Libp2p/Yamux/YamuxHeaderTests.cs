using Mesh.Libp2p.Yamux;

namespace Mesh.Tests.Libp2p.Yamux;

public sealed class YamuxHeaderTests
{
    // Wire notes §7.6.
    private static readonly object[] SpecVectors =
    [
        new object[] { "000100010000000100000000", YamuxFrameType.WindowUpdate, YamuxFlags.Syn, 1u, 0u },
        new object[] { "000000000000000100000005", YamuxFrameType.Data, YamuxFlags.None, 1u, 5u },
        new object[] { "000100020000000200000000", YamuxFrameType.WindowUpdate, YamuxFlags.Ack, 2u, 0u },
        new object[] { "000100040000000100000000", YamuxFrameType.WindowUpdate, YamuxFlags.Fin, 1u, 0u },
        new object[] { "000100080000000100000000", YamuxFrameType.WindowUpdate, YamuxFlags.Rst, 1u, 0u },
        new object[] { "000200010000000000000000", YamuxFrameType.Ping, YamuxFlags.Syn, 0u, 0u },
        new object[] { "000200020000000000000000", YamuxFrameType.Ping, YamuxFlags.Ack, 0u, 0u },
        new object[] { "000300000000000000000000", YamuxFrameType.GoAway, YamuxFlags.None, 0u, 0u },
    ];

    [TestCaseSource(nameof(SpecVectors))]
    public void Write_SpecVector_MatchesBytes(string hex, YamuxFrameType type, YamuxFlags flags, uint streamId, uint length)
    {
        var bytes = new byte[YamuxHeader.Size];
        new YamuxHeader(type, flags, streamId, length).Write(bytes);

        Assert.That(Convert.ToHexStringLower(bytes), Is.EqualTo(hex));
    }

    [TestCaseSource(nameof(SpecVectors))]
    public void TryRead_SpecVector_ParsesFields(string hex, YamuxFrameType type, YamuxFlags flags, uint streamId, uint length)
    {
        Assert.That(YamuxHeader.TryRead(Convert.FromHexString(hex), out var header), Is.True);
        Assert.That(header, Is.EqualTo(new YamuxHeader(type, flags, streamId, length)));
    }

    [Test]
    public void TryRead_LargeFields_AreBigEndian()
    {
        var bytes = Convert.FromHexString("00000005fffffffe01020304");

        Assert.That(YamuxHeader.TryRead(bytes, out var header), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(header.Flags, Is.EqualTo(YamuxFlags.Syn | YamuxFlags.Fin));
            Assert.That(header.StreamId, Is.EqualTo(0xfffffffeu));
            Assert.That(header.Length, Is.EqualTo(0x01020304u));
        });
    }

    [Test]
    public void TryRead_ShortInput_ReturnsFalse()
    {
        var bytes = Convert.FromHexString("000100010000000100000000");

        Assert.That(YamuxHeader.TryRead(bytes.AsSpan(0, 11), out _), Is.False);
        Assert.That(YamuxHeader.TryRead(TestSequences.Bytewise(bytes.AsMemory(0, 11)), out _), Is.False);
    }

    [Test]
    public void TryRead_HeaderSplitAtEveryByte_ParsesTheSame()
    {
        var bytes = Convert.FromHexString("000000000000000100000005");
        for (var split = 1; split < bytes.Length; split++)
        {
            Assert.That(YamuxHeader.TryRead(TestSequences.Split(bytes, split), out var header), Is.True);
            Assert.That(header, Is.EqualTo(new YamuxHeader(YamuxFrameType.Data, YamuxFlags.None, 1, 5)), $"split at {split}");
        }
    }
}
