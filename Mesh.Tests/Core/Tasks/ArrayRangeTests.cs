using Mesh.Core.Tasks;

namespace Mesh.Tests.Core.Tasks;

[TestFixture]
public sealed class ArrayRangeTests
{
    [TestCase("1-5", new long[] { 1, 2, 3, 4, 5 })]
    [TestCase("1-10:2", new long[] { 1, 3, 5, 7, 9 })]
    [TestCase("1-10:3", new long[] { 1, 4, 7, 10 })]
    [TestCase("1,3,5-7", new long[] { 1, 3, 5, 6, 7 })]
    [TestCase("0", new long[] { 0 })]
    [TestCase("7-7", new long[] { 7 })]
    [TestCase(" 2 , 1 ", new long[] { 2, 1 })]
    [TestCase("1-10:2,2-10:2", new long[] { 1, 3, 5, 7, 9, 2, 4, 6, 8, 10 })]
    public void TryParse_ValidForms_GiveTheIndicesInOrder(string text, long[] expected)
    {
        Assert.That(ArrayRange.TryParse(text, out var range, out var error), Is.True, error);
        Assert.That(range!.Indices, Is.EqualTo(expected));
        Assert.That(range.Count, Is.EqualTo(expected.Length));
    }

    [Test]
    public void TryParse_OneThousand_MakesOneThousand()
    {
        Assert.That(ArrayRange.TryParse("1-1000", out var range, out _), Is.True);
        Assert.That(range!.Count, Is.EqualTo(1000));
        Assert.That(range.Indices[^1], Is.EqualTo(1000));
    }

    [TestCase("1-1000000000", "more than 100000 tasks")]
    [TestCase("0-9999999999", "more than 100000 tasks")]
    [TestCase("1-60000,60001-120000", "more than 100000 tasks")]
    [TestCase("10-1", "'10-1' is reversed: write 1-10")]
    [TestCase("1-5,3-7", "names index 3 more than once")]
    [TestCase("1,1", "names index 1 more than once")]
    [TestCase("", "empty")]
    [TestCase("  ", "empty")]
    [TestCase("1,,2", "empty part")]
    [TestCase("1-", "is not a range")]
    [TestCase("-5", "is not a range")]
    [TestCase("a-b", "is not a range")]
    [TestCase("1-10:0", "step")]
    [TestCase("1-10:-1", "step")]
    [TestCase("1-10:x", "step")]
    [TestCase("5:2", "a step needs a range")]
    [TestCase("1.5", "is not an index")]
    [TestCase("+3", "is not an index")]
    [TestCase("99999999999", "is not an index")]
    [TestCase("1-2-3", "is not a range")]
    [TestCase("١-٣", "is not a range")]
    public void TryParse_Bad_IsRefusedWithAReason(string text, string expected)
    {
        Assert.That(ArrayRange.TryParse(text, out var range, out var error), Is.False);
        Assert.That(range, Is.Null);
        Assert.That(error, Does.Contain(expected));
    }

    [Test]
    public void TryParse_CapOption_IsHonoured()
    {
        Assert.That(ArrayRange.TryParse("1-10", 10, out _, out _), Is.True);
        Assert.That(ArrayRange.TryParse("1-11", 10, out _, out var error), Is.False);
        Assert.That(error, Does.Contain("more than 10 tasks"));
    }

    [Test]
    public void TryParse_RandomText_NeverThrows()
    {
        var random = new Random(1551);
        const string Alphabet = "0123456789-,: x9";
        for (var i = 0; i < 3000; i++)
        {
            var chars = new char[random.Next(0, 24)];
            for (var j = 0; j < chars.Length; j++)
            {
                chars[j] = Alphabet[random.Next(Alphabet.Length)];
            }

            Assert.DoesNotThrow(() => ArrayRange.TryParse(new string(chars), 1000, out _, out _));
        }
    }
}
