using System.Globalization;
using Mesh.Core.Execution;

namespace Mesh.Tests.Core.Execution;

/// <summary>Suspend, resume and throttle of a running attempt (owner first), on real processes.</summary>
[TestFixture]
public sealed class LocalExecutorPreemptTests
{
    private const string Ticker = "echo $$; while :; do echo x; sleep 0.05; done";

    private ExecutorHarness _harness = null!;

    [SetUp]
    public void CreateHarness() => _harness = new ExecutorHarness();

    [TearDown]
    public void DisposeHarness() => _harness.Dispose();

    [Test]
    public async Task TrySuspend_TickingTask_OutputStopsAndResumesAfter() => await SuspendAndResumeAsync(_harness);

    [Test]
    public async Task TrySuspend_NoCgroups_SignalsStopAndResumeTheGroup()
    {
        using var harness = new ExecutorHarness(configure: o => o.UseCgroups = false);

        Assert.That(harness.Executor.Isolation.SuspendBy, Does.Contain("SIGSTOP"));
        await SuspendAndResumeAsync(harness);
    }

    [Test]
    public async Task Cancel_SuspendedTaskNoCgroups_Dies()
    {
        using var harness = new ExecutorHarness(configure: o => o.UseCgroups = false);
        await CancelSuspendedAsync(harness);
    }

    private static async Task SuspendAndResumeAsync(ExecutorHarness harness)
    {
        var output = new CollectingOutput();
        var request = ExecutorHarness.Request("sh", "-c", Ticker) with { Output = output };
        using var cancel = new CancellationTokenSource();
        var run = harness.RunAsync(request, cancel.Token);
        await EventuallyAsync(() => output.Text().Length > 10);

        Assert.That(harness.Executor.TrySuspend(request.AttemptId), Is.True);
        await Task.Delay(200); // Lets what was written before the freeze reach the sink.
        var frozenAt = output.Text().Length;
        await Task.Delay(300);
        var stillAt = output.Text().Length;
        Assert.That(harness.Executor.TryResume(request.AttemptId), Is.True);
        await EventuallyAsync(() => output.Text().Length > stillAt);
        await cancel.CancelAsync();
        var result = await run;

        Assert.That(stillAt, Is.EqualTo(frozenAt), "the task wrote while suspended");
        Assert.That(result.Outcome, Is.EqualTo(ExecutionOutcome.Cancelled));
    }

    [Test]
    public async Task Cancel_SuspendedTask_DiesAndTreeGone() => await CancelSuspendedAsync(_harness);

    private static async Task CancelSuspendedAsync(ExecutorHarness harness)
    {
        var output = new CollectingOutput();
        var request = ExecutorHarness.Request("sh", "-c", Ticker) with { Output = output };
        using var cancel = new CancellationTokenSource();
        var run = harness.RunAsync(request, cancel.Token);
        await EventuallyAsync(() => output.Text().Contains('x', StringComparison.Ordinal));
        var pid = int.Parse(output.Text().Split('\n')[0], CultureInfo.InvariantCulture);

        Assert.That(harness.Executor.TrySuspend(request.AttemptId), Is.True);
        await cancel.CancelAsync();
        var result = await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(result.Outcome, Is.EqualTo(ExecutionOutcome.Cancelled));
        Assert.That(await ProcessTable.GoneWithinAsync([pid], TimeSpan.FromSeconds(2)), Is.True, "the suspended task survived its kill");
    }

    [Test]
    public async Task TrySuspend_UnknownOrEndedAttempt_False()
    {
        var request = ExecutorHarness.Request("true");
        await _harness.RunAsync(request);

        Assert.Multiple(() =>
        {
            Assert.That(_harness.Executor.TrySuspend(request.AttemptId), Is.False);
            Assert.That(_harness.Executor.TryResume("no-such-attempt"), Is.False);
            Assert.That(_harness.Executor.TryThrottle("no-such-attempt", 0.5), Is.False);
        });
    }

    [Test]
    public async Task TryThrottle_CpuCgroup_RewritesQuotaAndGivesItBack()
    {
        if (!_harness.Executor.Isolation.CanThrottle)
        {
            Assert.Ignore("No cpu cgroup controller can be used here, so there is no quota to rewrite (see the isolation report).");
        }

        var output = new CollectingOutput();
        var request = ExecutorHarness.Request("sh", "-c", Ticker) with { Output = output };
        using var cancel = new CancellationTokenSource();
        var run = _harness.RunAsync(request, cancel.Token);
        await EventuallyAsync(() => output.Text().Contains('x', StringComparison.Ordinal));
        var pid = int.Parse(output.Text().Split('\n')[0], CultureInfo.InvariantCulture);
        var quotaFile = CpuQuotaFile(pid);
        if (quotaFile is null)
        {
            await cancel.CancelAsync();
            await run;
            Assert.Ignore("The task's cpu cgroup directory could not be found from /proc to check the quota.");
        }

        var throttled = _harness.Executor.TryThrottle(request.AttemptId, 0.5);
        var whileThrottled = File.ReadAllText(quotaFile).Trim();
        var restored = _harness.Executor.TryThrottle(request.AttemptId, null);
        var afterwards = File.ReadAllText(quotaFile).Trim();
        await cancel.CancelAsync();
        await run;

        Assert.Multiple(() =>
        {
            Assert.That(throttled, Is.True);
            Assert.That(whileThrottled, Does.StartWith("50000"));
            Assert.That(restored, Is.True);
            Assert.That(afterwards, Is.EqualTo("-1").Or.StartWith("max"));
        });
    }

    [Test]
    public void Isolation_Probed_SaysHowItSuspends()
    {
        TestContext.Out.WriteLine(_harness.Executor.Isolation.SuspendBy);
        Assert.That(_harness.Executor.Isolation.SuspendBy, Does.Contain("freezer").Or.Contain("SIGSTOP"));
        Assert.That(_harness.Executor.Isolation.Enforced, Has.Some.StartsWith("owner first"));
    }

    // v2: 0::/path -> cpu.max; v1: N:cpu[,...]:/path -> cpu.cfs_quota_us, under the usual mount points.
    private static string? CpuQuotaFile(int pid)
    {
        foreach (var line in File.ReadAllLines($"/proc/{pid}/cgroup"))
        {
            var parts = line.Split(':', 3);
            if (parts.Length != 3)
            {
                continue;
            }

            var controllers = parts[1].Split(',');
            string[] candidates = parts[1].Length == 0
                ? [$"/sys/fs/cgroup{parts[2]}/cpu.max", $"/sys/fs/cgroup/unified{parts[2]}/cpu.max"]
                : controllers.Contains("cpu") ? [$"/sys/fs/cgroup/{parts[1]}{parts[2]}/cpu.cfs_quota_us", $"/sys/fs/cgroup/cpu{parts[2]}/cpu.cfs_quota_us"] : [];
            if (candidates.FirstOrDefault(File.Exists) is { } found && parts[2].Contains("mesh-tasks-test", StringComparison.Ordinal))
            {
                return found;
            }
        }

        return null;
    }

    private static async Task EventuallyAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
