using Mesh.Cli.Tasks;

namespace Mesh.Tests.Cli.Tasks;

[TestFixture]
public sealed class TaskDurationTests
{
    [TestCase("500ms", 0.5)]
    [TestCase("30s", 30)]
    [TestCase("5m", 300)]
    [TestCase("1h30m", 5400)]
    [TestCase("1h30m15s", 5415)]
    [TestCase("2d", 172_800)]
    [TestCase("1.5h", 5400)]
    [TestCase("45", 45)]
    [TestCase(" 10S ", 10)]
    [TestCase("1m500ms", 60.5)]
    public void TryParse_Valid_Seconds(string text, double seconds)
    {
        Assert.Multiple(() =>
        {
            Assert.That(TaskDuration.TryParse(text, out var duration, out var error), Is.True, error);
            Assert.That(duration.TotalSeconds, Is.EqualTo(seconds).Within(1e-9));
        });
    }

    [TestCase("")]
    [TestCase(null)]
    [TestCase("h")]
    [TestCase("1h30")]
    [TestCase("30m1h")]
    [TestCase("1m1m")]
    [TestCase("5x")]
    [TestCase("-5s")]
    [TestCase("0")]
    [TestCase("0s")]
    [TestCase("1.2.3s")]
    [TestCase("400d")]
    [TestCase("1e3s")]
    public void TryParse_Invalid_FalseWithMessage(string? text)
    {
        Assert.Multiple(() =>
        {
            Assert.That(TaskDuration.TryParse(text, out _, out var error), Is.False);
            Assert.That(error, Is.Not.Empty);
        });
    }
}
