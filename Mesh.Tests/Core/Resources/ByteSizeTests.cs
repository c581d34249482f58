using Mesh.Core.Resources;

namespace Mesh.Tests.Core.Resources;

[TestFixture]
public sealed class ByteSizeTests
{
    [TestCase("8GiB", 8L << 30)]
    [TestCase("8gib", 8L << 30)]
    [TestCase("1.5GiB", 3L << 29)]
    [TestCase("1TB", 1_000_000_000_000L)]
    [TestCase("250GB", 250_000_000_000L)]
    [TestCase("512MiB", 512L << 20)]
    [TestCase("1 KB", 1000L)]
    [TestCase("1KiB", 1024L)]
    [TestCase("2TiB", 2L << 40)]
    [TestCase("4096", 4096L)]
    [TestCase("10B", 10L)]
    [TestCase("0.5kb", 500L)]
    public void TryParse_ValidSize_ReturnsBytes(string text, long expected)
    {
        Assert.That(ByteSize.TryParse(text, out var bytes, out var error), Is.True, error);
        Assert.That(bytes, Is.EqualTo(expected));
    }

    [TestCase("8XB", "unknown size unit 'XB' (use B, KB, MB, GB, TB, KiB, MiB, GiB, TiB)")]
    [TestCase("GiB", "does not start with a number")]
    [TestCase("", "empty size")]
    [TestCase("-1GB", "does not start with a number")]
    [TestCase("1.2.3GB", "does not start with a number")]
    [TestCase("99999999999TiB", "too large")]
    public void TryParse_BadSize_FailsSayingWhy(string text, string reason)
    {
        Assert.That(ByteSize.TryParse(text, out _, out var error), Is.False);
        Assert.That(error, Does.Contain(reason));
    }

    [TestCase(8L << 30, "8 GiB")]
    [TestCase(15L << 29, "7.5 GiB")]
    [TestCase(750_000_000_000L, "750 GB")]
    [TestCase(1_000_000_000_000L, "1 TB")]
    [TestCase(512L, "512 B")]
    [TestCase(0L, "0 B")]
    [TestCase(1536L, "1.5 KiB")]
    [TestCase(1_500L, "1.5 KB")]
    [TestCase(7_812_345_678L, "7.3 GiB")]
    [TestCase(24684092L * 1024, "23.5 GiB")]
    [TestCase(264212084L * 1024, "252 GiB")]
    public void Format_Size_PrintsOneConvention(long bytes, string expected) =>
        Assert.That(ByteSize.Format(bytes), Is.EqualTo(expected));

    [TestCase(8L << 30, "8 GiB", "8.6 GB", "8G")]
    [TestCase(15L << 29, "7.5 GiB", "8.1 GB", "7.5G")]
    [TestCase(750_000_000_000L, "698 GiB", "750 GB", "698G")]
    [TestCase(0L, "0 B", "0 B", "0")]
    [TestCase(long.MaxValue, "8 EiB", "9.2 EB", "8E")]
    public void FormatBinaryAndDecimal_Size_KeepTheirFamily(long bytes, string binary, string decimalForm, string binaryShort)
    {
        Assert.Multiple(() =>
        {
            Assert.That(ByteSize.FormatBinary(bytes), Is.EqualTo(binary));
            Assert.That(ByteSize.FormatDecimal(bytes), Is.EqualTo(decimalForm));
            Assert.That(ByteSize.FormatBinaryShort(bytes), Is.EqualTo(binaryShort));
        });
    }

    [TestCase(8L << 30)]
    [TestCase(750_000_000_000L)]
    [TestCase(1L)]
    [TestCase(123_456_789L)]
    [TestCase(3L << 29)]
    public void FormatCompact_ParsesBackToTheSameOrNearBytes(long bytes)
    {
        Assert.That(ByteSize.TryParse(ByteSize.FormatCompact(bytes), out var back, out _), Is.True);
        Assert.That(back, Is.EqualTo(bytes).Within((bytes / 20) + 1));
    }

    [Test]
    public void TryParse_RandomGarbage_NeverThrows()
    {
        var random = new Random(42);
        const string Alphabet = "0123456789.,=%kKmMgGtTiIbBxX -+eE\t\u00e9";
        for (var i = 0; i < 20_000; i++)
        {
            var text = new string([.. Enumerable.Range(0, random.Next(0, 12)).Select(_ => Alphabet[random.Next(Alphabet.Length)])]);
            var ok = ByteSize.TryParse(text, out var bytes, out var error);
            Assert.That(ok ? bytes >= 0 && error is null : error is not null, Is.True, text);
        }
    }
}
