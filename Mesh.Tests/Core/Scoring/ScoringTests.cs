using Mesh.Core.Scoring;
using Mesh.Tests.Core.Policy;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Mesh.Tests.Core.Scoring;

[TestFixture]
public sealed class ScoringTests
{
    private static readonly MachineIdentity Machine = new("Test CPU @ 3GHz", 8);
    private DirectoryInfo _dir = null!;

    [SetUp]
    public void CreateDir() => _dir = Directory.CreateTempSubdirectory("mesh-score-");

    [TearDown]
    public void DeleteDir() => _dir.Delete(recursive: true);

    [Test]
    public void Rank_TiesShareAndUnmeasuredComeLast()
    {
        Assert.That(ScoreRanking.Rank([50, 200, 0, 200, 10, double.NaN]), Is.EqualTo(new[] { 3, 1, 5, 1, 4, 5 }));
        Assert.That(ScoreRanking.Rank([]), Is.Empty);
        Assert.That(ScoreRanking.Rank([0, 0]), Is.EqualTo(new[] { 1, 1 }));
    }

    [Test]
    public void Score_ReferenceMachine_Is100AndGrowsWithCores()
    {
        Assert.That(new BenchmarkResult(500, 10).Score, Is.EqualTo(100).Within(1e-9));
        Assert.That(new BenchmarkResult(1000, 10).Score, Is.EqualTo(100 * Math.Pow(2, 0.7)).Within(1e-9));
        Assert.That(new BenchmarkResult(0, 10).Score, Is.Zero);
        Assert.That(new BenchmarkResult(double.NaN, 10).Score, Is.Zero);
    }

    [Test]
    public async Task GetAsync_SecondCall_ReadsTheCache()
    {
        var runs = 0;
        using var scorer = Scorer(Machine, () => runs++);
        var first = await scorer.GetAsync();
        var second = await scorer.GetAsync();

        Assert.That(runs, Is.EqualTo(1));
        Assert.That(first.FromCache, Is.False);
        Assert.That(second.FromCache, Is.True);
        Assert.That(second.Score, Is.EqualTo(first.Score));
        Assert.That(File.ReadAllText(Path.Combine(_dir.FullName, PerformanceScorer.FileName)), Does.Contain("\"benchmarkVersion\": 1"));
    }

    [Test]
    public async Task GetAsync_OtherCoreCountOrRerun_MeasuresAgain()
    {
        var runs = 0;
        using (var scorer = Scorer(Machine, () => runs++))
        {
            await scorer.GetAsync();
            await scorer.GetAsync(rerun: true);
        }

        using (var moved = Scorer(Machine with { Cores = 16 }, () => runs++))
        {
            await moved.GetAsync();
        }

        Assert.That(runs, Is.EqualTo(3));
    }

    [TestCase("{ this is not json")]
    [TestCase("{\"version\":1,\"benchmarkVersion\":1,\"cpuModel\":\"Test CPU @ 3GHz\",\"cores\":8,\"score\":-5}")]
    [TestCase("null")]
    public async Task GetAsync_CorruptCache_MeasuresAgainAndLogs(string content)
    {
        await File.WriteAllTextAsync(Path.Combine(_dir.FullName, PerformanceScorer.FileName), content);
        var runs = 0;
        var logger = new ListLogger();
        using var scorer = new PerformanceScorer(_dir.FullName, Machine, _ => { runs++; return new BenchmarkResult(1000, 20); }, new FakeTimeProvider(), logger);

        var score = await scorer.GetAsync();

        Assert.That(runs, Is.EqualTo(1));
        Assert.That(score.Score, Is.GreaterThan(0));
        Assert.That(logger.Messages, Has.Some.Contains("is corrupt"));
    }

    [Test]
    public void Run_ShortPhases_MeasuresPositiveRates()
    {
        var result = PerformanceBenchmark.Run(new BenchmarkOptions { CpuPhase = TimeSpan.FromMilliseconds(50), MemoryPhase = TimeSpan.FromMilliseconds(50), Threads = 2, MemoryBufferBytes = 4 << 20 });
        Assert.That(result.CpuMiBPerSecond, Is.GreaterThan(0));
        Assert.That(result.MemoryGiBPerSecond, Is.GreaterThan(0));
        Assert.That(result.Score, Is.GreaterThan(0));
    }

    [Test]
    public void Options_Validate_RejectsLongRuns() =>
        Assert.That(() => new BenchmarkOptions { CpuPhase = TimeSpan.FromSeconds(30) }.Validate(), Throws.InstanceOf<ArgumentOutOfRangeException>());

    private PerformanceScorer Scorer(MachineIdentity machine, Action onRun) =>
        new(_dir.FullName, machine, _ => { onRun(); return new BenchmarkResult(800, 12); }, new FakeTimeProvider(), NullLogger.Instance);
}
