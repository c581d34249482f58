using Mesh.Core.Policy;
using Mesh.Core.Probe;
using Mesh.Core.Resources;
using Mesh.Core.Scoring;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mesh.Tests.Core.Policy;

/// <summary>Prints what the real probe, policy and benchmark make of this machine. Run by hand to eyeball the numbers.</summary>
[TestFixture]
[Explicit("prints this machine's figures; run by hand")]
public sealed class ThisMachineReport
{
    [Test]
    [CancelAfter(30_000)]
    public async Task Report_ThisMachine_PrintsCapacitySurplusAndScore(CancellationToken cancellationToken)
    {
        var dir = Directory.CreateTempSubdirectory("mesh-report-");
        try
        {
            var probeOptions = new HostProbeOptions { DataDir = dir.FullName };
            using var scorer = new PerformanceScorer(dir.FullName, new BenchmarkOptions(), TimeProvider.System, NullLogger.Instance);
            var earmark = new Earmark(ResourceSpec.Parse("cpu=0.5,mem=1GiB"), ResourceShare.Empty);
            var policy = new DynamicSurplusPolicy(earmark, new SurplusPolicyOptions { Kind = SurplusPolicyKind.Dynamic }, TimeProvider.System);
            await using var monitor = new SurplusMonitor(new SurplusMonitorOptions { Interval = TimeSpan.FromMilliseconds(500), Earmark = earmark },
                HostProbes.CreateDefault(probeOptions, NullLogger.Instance), HostProbes.CreateDefaultUsageSource(probeOptions), policy, scorer,
                TimeProvider.System, NullLogger.Instance);
            var scored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            monitor.Changed += (_, s) =>
            {
                if (s.Score > 0)
                {
                    scored.TrySetResult();
                }
            };
            await monitor.StartAsync(cancellationToken);
            await scored.Task.WaitAsync(cancellationToken);
            await Task.Delay(2000, cancellationToken);
            var current = monitor.Current;
            await TestContext.Out.WriteLineAsync($"capacity {ResourceText.Describe(current.Capacity)}");
            await TestContext.Out.WriteLineAsync($"owner    {ResourceText.Describe(current.OwnerUsage)}");
            await TestContext.Out.WriteLineAsync($"reserved {ResourceText.Describe(current.Reserved)}");
            await TestContext.Out.WriteLineAsync($"surplus  {ResourceText.Describe(current.Surplus)}");
            await TestContext.Out.WriteLineAsync($"score    {current.Score:0.#} ({current.PolicyDescription})");
            await TestContext.Out.WriteLineAsync(File.ReadAllText(Path.Combine(dir.FullName, PerformanceScorer.FileName)));
            Assert.That(current.Score, Is.GreaterThan(0));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
