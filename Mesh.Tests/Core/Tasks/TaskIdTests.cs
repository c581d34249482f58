using Mesh.Core.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace Mesh.Tests.Core.Tasks;

[TestFixture]
public sealed class TaskIdTests
{
    [Test]
    public void ToString_ThenTryParse_RoundTrips()
    {
        var generator = new TaskIdGenerator(TimeProvider.System);
        for (var i = 0; i < 1000; i++)
        {
            var id = generator.Next();
            var text = id.ToString();
            Assert.That(text, Has.Length.EqualTo(TaskId.TextLength));
            Assert.That(text, Does.Match("^[0-7][0-9a-hjkmnp-tv-z]{25}$"));
            Assert.That(TaskId.TryParse(text, out var parsed), Is.True);
            Assert.That(parsed, Is.EqualTo(id));
        }
    }

    [Test]
    public void ToString_ExtremeValues_AreFixedWidth()
    {
        Assert.That(new TaskId(0, 1).ToString(), Is.EqualTo("0000000000000000000000000" + "1"));
        Assert.That(new TaskId(ulong.MaxValue, ulong.MaxValue).ToString(), Is.EqualTo("7zzzzzzzzzzzzzzzzzzzzzzzzz"));
        Assert.That(TaskId.Parse("7zzzzzzzzzzzzzzzzzzzzzzzzz"), Is.EqualTo(new TaskId(ulong.MaxValue, ulong.MaxValue)));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("01jdq3v8k2x4c9n7m5r0t6w8y")]
    [TestCase("01jdq3v8k2x4c9n7m5r0t6w8yzz")]
    [TestCase("01JDQ3V8K2X4C9N7M5R0T6W8YZ")]
    [TestCase("01jdq3v8k2x4c9n7m5r0t6w8yi")]
    [TestCase("01jdq3v8k2x4c9n7m5r0t6w8yl")]
    [TestCase("01jdq3v8k2x4c9n7m5r0t6w8yo")]
    [TestCase("01jdq3v8k2x4c9n7m5r0t6w8yu")]
    [TestCase("81jdq3v8k2x4c9n7m5r0t6w8yz")]
    [TestCase(" 1jdq3v8k2x4c9n7m5r0t6w8yz")]
    [TestCase("01jdq3v8k2x4c9n7-5r0t6w8yz")]
    [TestCase("00000000000000000000000000")]
    [TestCase("01jdq3v8k2x4c9n7m5r0t6w8y\0")]
    public void TryParse_Garbage_IsRefused(string? text)
    {
        Assert.That(TaskId.TryParse(text, out var id), Is.False);
        Assert.That(id.IsEmpty, Is.True);
        Assert.Throws<FormatException>(() => TaskId.Parse(text ?? ""));
    }

    [Test]
    public void TryParse_RandomStrings_NeverThrow()
    {
        var random = new Random(1550);
        for (var i = 0; i < 2000; i++)
        {
            var chars = new char[random.Next(0, 40)];
            for (var j = 0; j < chars.Length; j++)
            {
                chars[j] = (char)random.Next(0, 128);
            }

            Assert.DoesNotThrow(() => TaskId.TryParse(new string(chars), out _));
        }
    }

    [Test]
    public void Next_SameMillisecond_IdsStrictlyIncreaseAsValuesAndAsText()
    {
        var generator = new TaskIdGenerator(new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero)));
        var previous = generator.Next();
        for (var i = 0; i < 10_000; i++)
        {
            var next = generator.Next();
            Assert.That(next, Is.GreaterThan(previous));
            Assert.That(string.CompareOrdinal(next.ToString(), previous.ToString()), Is.GreaterThan(0));
            previous = next;
        }
    }

    [Test]
    public void Next_ClockStepsBack_StillIncreases()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
        var generator = new TaskIdGenerator(time);
        var first = generator.Next();
        time.AdjustTime(time.GetUtcNow().AddHours(-1));
        Assert.That(generator.Next(), Is.GreaterThan(first));
    }

    [Test]
    public void CreatedAt_IsTheGeneratorsTime()
    {
        var now = new DateTimeOffset(2026, 11, 24, 12, 0, 0, 123, TimeSpan.Zero);
        var id = new TaskIdGenerator(new FakeTimeProvider(now)).Next();
        Assert.That(id.CreatedAt, Is.EqualTo(now));
    }

    [Test]
    public void AttemptId_RoundTripsAndRefusesGarbage()
    {
        var attempt = AttemptId.New();
        Assert.That(attempt.IsEmpty, Is.False);
        Assert.That(attempt.ToString(), Has.Length.EqualTo(AttemptId.TextLength));
        Assert.That(AttemptId.Parse(attempt.ToString()), Is.EqualTo(attempt));
        Assert.That(new AttemptId(ulong.MaxValue).ToString(), Is.EqualTo("fzzzzzzzzzzzz"));
        Assert.That(AttemptId.TryParse("gzzzzzzzzzzzz", out _), Is.False, "65th bit set");
        Assert.That(AttemptId.TryParse("0000000000000", out _), Is.False, "zero is not an attempt");
        Assert.That(AttemptId.TryParse("FZZZZZZZZZZZZ", out _), Is.False);
        Assert.That(AttemptId.TryParse(attempt.ToString()[..12], out _), Is.False);
        Assert.That(AttemptId.TryParse(null, out _), Is.False);
    }
}
