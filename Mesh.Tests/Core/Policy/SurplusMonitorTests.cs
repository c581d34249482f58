using Mesh.Core.Policy;
using Mesh.Core.Probe;
using Mesh.Core.Resources;
using Mesh.Core.Scoring;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Mesh.Tests.Core.Policy;

[TestFixture]
[CancelAfter(10_000)]
public sealed class SurplusMonitorTests
{
    private static readonly HostCapacity Detected = new(new ResourceVector(8, 16L << 30, 500_000_000_000L, 1), [new GpuDevice("NVIDIA H100", 80L << 30)]);

    [Test]
    public async Task StartAsync_CapacityOverrideAndReserve_GiveTheFig7Surplus()
    {
        var usage = new FakeUsage();
        await using var monitor = Monitor(new SurplusMonitorOptions
        {
            CapacityOverride = ResourceSpec.Parse("cpu=4,mem=8GiB,disk=1TB,gpu=0"),
            Earmark = new Earmark(ResourceSpec.Parse("cpu=1,mem=1GiB,disk=250GB"), ResourceShare.Empty),
        }, new FakeProbe(), usage, new StaticSurplusPolicy(new Earmark(ResourceSpec.Parse("cpu=1,mem=1GiB,disk=250GB"), ResourceShare.Empty)));

        await monitor.StartAsync();

        var current = monitor.Current;
        Assert.That(current.Capacity, Is.EqualTo(new ResourceVector(4, 8L << 30, 1_000_000_000_000L, 0)));
        Assert.That(current.Surplus, Is.EqualTo(new ResourceVector(3, 7L << 30, 750_000_000_000L, 0)));
        Assert.That(current.Gpus, Is.Empty, "gpu=0 hides the detected GPU");
        Assert.That(current.Policy, Is.EqualTo("static"));
    }

    [Test]
    public async Task SampleAsync_UsageProbeFails_KeepsTheLastGoodReading()
    {
        var usage = new FakeUsage { Usage = new ResourceVector(2, 4L << 30, 0, 0) };
        var logger = new ListLogger();
        var time = new FakeTimeProvider();
        await using var monitor = new SurplusMonitor(new SurplusMonitorOptions(), new FakeProbe(), usage,
            new DynamicSurplusPolicy(Earmark.None, new SurplusPolicyOptions(), time), null, time, logger);
        await monitor.StartAsync();

        usage.Failure = new IOException("/proc/stat vanished");
        await monitor.SampleAsync();

        Assert.That(monitor.Current.OwnerUsage, Is.EqualTo(new ResourceVector(2, 4L << 30, 0, 0)));
        Assert.That(logger.Messages, Has.Some.Contains("keeping the last good reading"));
    }

    [Test]
    public async Task SampleAsync_CapacityProbeFailsAtStart_ReportsZeroAndRecoversOnRefresh()
    {
        var probe = new FakeProbe { Failure = new IOException("no /proc") };
        var time = new FakeTimeProvider();
        await using var monitor = new SurplusMonitor(new SurplusMonitorOptions { CapacityRefresh = TimeSpan.FromSeconds(10) }, probe, new FakeUsage(),
            new StaticSurplusPolicy(Earmark.None), null, time, NullLogger.Instance);
        await monitor.StartAsync();
        Assert.That(monitor.Current.Capacity.IsZero, Is.True);

        probe.Failure = null;
        time.Advance(TimeSpan.FromSeconds(10));
        await monitor.SampleAsync();

        Assert.That(monitor.Current.Capacity.Cpu, Is.EqualTo(8));
    }

    [Test]
    public async Task Changed_OwnerTakesCores_RaisedWithTheSmallerSurplus()
    {
        var usage = new FakeUsage();
        var time = new FakeTimeProvider();
        await using var monitor = new SurplusMonitor(new SurplusMonitorOptions(), new FakeProbe(), usage,
            new DynamicSurplusPolicy(Earmark.None, new SurplusPolicyOptions { RiseSmoothing = TimeSpan.Zero, NoiseFactor = 0 }, time), null, time, NullLogger.Instance);
        await monitor.StartAsync();
        var changes = new List<SurplusSnapshot>();
        monitor.Changed += (_, snapshot) => changes.Add(snapshot);

        usage.Usage = new ResourceVector(6, 1L << 30, 0, 0);
        time.Advance(TimeSpan.FromSeconds(2));
        await monitor.SampleAsync();

        Assert.That(changes, Has.Count.EqualTo(1));
        Assert.That(changes[0].Surplus.Cpu, Is.EqualTo(8 - 6.5).Within(1e-9));
    }

    [Test]
    public async Task Loop_TimeAdvances_SamplesEveryInterval()
    {
        var usage = new FakeUsage();
        var time = new FakeTimeProvider();
        await using var monitor = new SurplusMonitor(new SurplusMonitorOptions(), new FakeProbe(), usage,
            new StaticSurplusPolicy(Earmark.None), null, time, NullLogger.Instance);
        await monitor.StartAsync();
        var before = usage.Reads;

        for (var i = 0; i < 3 && usage.Reads < before + 3; i++)
        {
            time.Advance(TimeSpan.FromSeconds(2));
            await WaitUntilAsync(() => usage.Reads >= before + i + 1);
        }

        Assert.That(usage.Reads, Is.GreaterThanOrEqualTo(before + 3));
    }

    [Test]
    public async Task StartAsync_WithScorer_PublishesTheScoreWhenMeasured()
    {
        using var dir = new TempDir();
        var time = new FakeTimeProvider();
        using var scorer = new PerformanceScorer(dir.Path, new MachineIdentity("cpu", 1), _ => new BenchmarkResult(500, 10), time, NullLogger.Instance);
        await using var monitor = new SurplusMonitor(new SurplusMonitorOptions(), new FakeProbe(), new FakeUsage(),
            new StaticSurplusPolicy(Earmark.None), scorer, time, NullLogger.Instance);
        var scored = new TaskCompletionSource<double>(TaskCreationOptions.RunContinuationsAsynchronously);
        monitor.Changed += (_, snapshot) =>
        {
            if (snapshot.Score > 0)
            {
                scored.TrySetResult(snapshot.Score);
            }
        };

        await monitor.StartAsync();

        Assert.That(await scored.Task, Is.EqualTo(100).Within(1e-9));
        Assert.That((await monitor.RerunBenchmarkAsync()).FromCache, Is.False);
    }

    [Test]
    public async Task Create_ThisMachineWithFakeUsage_PredictiveHistoryAndScoreLandInTheDataDir()
    {
        using var dir = new TempDir();
        var usage = new FakeUsage { Usage = new ResourceVector(0.5, 1L << 30, 0, 0) };
        var options = new SurplusMonitorOptions
        {
            DataDir = dir.Path,
            MeasureScore = false,
            Policy = new SurplusPolicyOptions { Kind = SurplusPolicyKind.Predictive },
            Earmark = new Earmark(ResourceSpec.Parse("cpu=0.25"), ResourceShare.Empty),
        };

        await using (var monitor = SurplusMonitor.Create(options, TimeProvider.System, NullLoggerFactory.Instance, usage))
        {
            await monitor.StartAsync();
            Assert.That(monitor.Current.OwnerUsage, Is.EqualTo(usage.Usage));
            Assert.That(monitor.Current.Capacity.Cpu, Is.GreaterThan(0));
            Assert.That(monitor.Current.Policy, Is.EqualTo("predictive"));
            Assert.That(monitor.Current.Surplus.FitsWithin(monitor.Current.Capacity), Is.True);
        }

        Assert.That(File.Exists(Path.Combine(dir.Path, UsageHistoryStore.FileName)), Is.True, "saved on dispose");
        Assert.That(options.Policy.HistoryPath, Is.Null, "the caller's options are not changed");
    }

    private static SurplusMonitor Monitor(SurplusMonitorOptions options, IHostProbe probe, IOwnerUsageSource usage, ISurplusPolicy policy) =>
        new(options, probe, usage, policy, null, new FakeTimeProvider(), NullLogger.Instance);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        while (!condition())
        {
            await Task.Delay(5);
        }
    }

    private sealed class FakeProbe : IHostProbe
    {
        public Exception? Failure { get; set; }

        public Task<HostCapacity> ReadCapacityAsync(CancellationToken cancellationToken = default) =>
            Failure is { } failure ? Task.FromException<HostCapacity>(failure) : Task.FromResult(Detected);
    }

    private sealed class FakeUsage : IOwnerUsageSource
    {
        private int _reads;

        public ResourceVector Usage { get; set; }

        public Exception? Failure { get; set; }

        public int Reads => Volatile.Read(ref _reads);

        public ValueTask<ResourceVector> ReadOwnerUsageAsync(CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _reads);
            return Failure is { } failure ? ValueTask.FromException<ResourceVector>(failure) : ValueTask.FromResult(Usage);
        }
    }

    private sealed class TempDir : IDisposable
    {
        private readonly DirectoryInfo _info = Directory.CreateTempSubdirectory("mesh-monitor-");

        public string Path => _info.FullName;

        public void Dispose() => _info.Delete(recursive: true);
    }
}
