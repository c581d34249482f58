using System.Globalization;
using Mesh.Core.Execution;

using OutputStreamKind = Mesh.Core.Tasks.OutputStreamKind;

namespace Mesh.Tests.Core.Execution;

/// <summary>Cancel, timeout and memory limit end the task and leave no process of its tree behind.</summary>
[TestFixture]
public sealed class LocalExecutorKillTests
{
    private ExecutorHarness _harness = null!;

    [SetUp]
    public void CreateHarness() => _harness = new ExecutorHarness();

    [TearDown]
    public void DisposeHarness() => _harness.Dispose();

    [Test]
    public async Task Execute_CancelledWithGrandchildIgnoringTerm_WholeTreeGone()
    {
        var output = new CollectingOutput();
        var request = ExecutorHarness.Request("sh", "-c", "sh -c 'trap \"\" TERM; sleep 30' & echo $$ $!; sleep 30") with { Output = output };
        using var cancel = new CancellationTokenSource();

        var run = _harness.RunAsync(request, cancel.Token);
        await output.FirstChunk.WaitAsync(TimeSpan.FromSeconds(10));
        await cancel.CancelAsync();
        var result = await run;

        Assert.That(result.Outcome, Is.EqualTo(ExecutionOutcome.Cancelled));
        Assert.That(await ProcessTable.GoneWithinAsync(Pids(output), TimeSpan.FromSeconds(2)), Is.True, "a process of the tree survived");
    }

    [Test]
    public async Task Execute_DaemonLeavesTheProcessGroup_CgroupStillKillsIt()
    {
        if (!_harness.Executor.Isolation.Enforced.Any(e => e.StartsWith("cgroup", StringComparison.Ordinal)))
        {
            Assert.Ignore("No cgroup can be made here: a process that leaves the group escapes; see the isolation report.");
        }

        var output = new CollectingOutput();
        var request = ExecutorHarness.Request("sh", "-c", "setsid sh -c 'echo $$; exec sleep 30' & sleep 30") with { Output = output };
        using var cancel = new CancellationTokenSource();

        var run = _harness.RunAsync(request, cancel.Token);
        await output.FirstChunk.WaitAsync(TimeSpan.FromSeconds(10));
        await cancel.CancelAsync();
        await run;

        Assert.That(await ProcessTable.GoneWithinAsync(Pids(output), TimeSpan.FromSeconds(2)), Is.True, "the daemon survived");
    }

    [Test]
    public async Task Execute_SleepPastTimeout_EndsTimedOutAndTreeGone()
    {
        var output = new CollectingOutput();
        var request = ExecutorHarness.Request("sh", "-c", "sleep 30 & echo $$ $!; wait") with { Output = output, Timeout = TimeSpan.FromSeconds(1) };

        var result = await _harness.RunAsync(request);

        Assert.That(result.Outcome, Is.EqualTo(ExecutionOutcome.TimedOut));
        Assert.That(await ProcessTable.GoneWithinAsync(Pids(output), TimeSpan.FromSeconds(2)), Is.True);
    }

    [Test]
    public async Task Execute_MainExitsLeavingChild_ChildKilledAndResultReturns()
    {
        var output = new CollectingOutput();

        var result = await _harness.RunAsync(ExecutorHarness.Request("sh", "-c", "sleep 30 & echo $!") with { Output = output });

        Assert.That(result.Outcome, Is.EqualTo(ExecutionOutcome.Exited));
        Assert.That(await ProcessTable.GoneWithinAsync(Pids(output), TimeSpan.FromSeconds(2)), Is.True);
    }

    [Test]
    public async Task Execute_MemoryHogOverLimit_EndsWithMemoryLimit()
    {
        if (!_harness.Enforces("memory.") || File.Exists("/usr/bin/python3") is false)
        {
            Assert.Ignore($"No memory cgroup here (or no /usr/bin/python3); isolation: {string.Join("; ", _harness.Executor.Isolation.Missing)}");
        }

        var request = ExecutorHarness.Request("/usr/bin/python3", "-c", "a = bytearray(512 * 1024 * 1024)") with
        {
            Limits = new ExecutionLimits(MemoryBytes: 64L << 20),
        };

        var result = await _harness.RunAsync(request);

        Assert.That(result.Outcome, Is.EqualTo(ExecutionOutcome.MemoryLimit));
        Assert.That(result.Usage.MaxMemoryBytes, Is.LessThanOrEqualTo(64L << 20));
    }

    [Test]
    public async Task Execute_BusyLoopInCgroup_ReportsCpuTime()
    {
        if (!_harness.Enforces("CPU accounting"))
        {
            Assert.Ignore("No cgroup CPU accounting here.");
        }

        var result = await _harness.RunAsync(ExecutorHarness.Request("sh", "-c", "i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done"));

        Assert.That(result.Usage.UserCpu + result.Usage.SystemCpu, Is.GreaterThan(TimeSpan.Zero));
    }

    [Test]
    public async Task Execute_ProcessLimit_StopsAForkBomb()
    {
        if (!_harness.Enforces("pids.max"))
        {
            Assert.Ignore("No pids cgroup here.");
        }

        var output = new CollectingOutput();
        var request = ExecutorHarness.Request("sh", "-c", "for i in 1 2 3 4 5 6 7 8; do sleep 5 & done") with
        {
            Limits = new ExecutionLimits(MaxProcesses: 4),
            Output = output,
        };

        var result = await _harness.RunAsync(request);

        // The shell reports the fork that pids.max refused ("Cannot fork") and fails.
        Assert.That(output.Text(OutputStreamKind.Stderr), Does.Contain("fork").IgnoreCase);
        Assert.That(result.ExitCode, Is.Not.Zero);
    }

    private static IEnumerable<int> Pids(CollectingOutput output) =>
        output.Text().Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToList();
}
