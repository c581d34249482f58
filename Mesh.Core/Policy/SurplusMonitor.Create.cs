using Mesh.Core.Probe;
using Mesh.Core.Scoring;
using Microsoft.Extensions.Logging;

namespace Mesh.Core.Policy;

/// <summary>The one-call construction of a monitor with this system's probe, the configured policy and the score.</summary>
public sealed partial class SurplusMonitor
{
    /// <summary>
    /// A monitor for this machine: the probe for this operating system over <see cref="SurplusMonitorOptions.DataDir"/>,
    /// the policy of <see cref="SurplusMonitorOptions.Policy"/> (its history in <c>DATA_DIR/usage-history.json</c> unless
    /// a path is set), and the performance score cached in <c>DATA_DIR/score.json</c>.
    /// </summary>
    /// <param name="options">What to measure and decide.</param>
    /// <param name="time">The clock.</param>
    /// <param name="loggers">Creates the loggers of the parts.</param>
    /// <param name="ownerUsage">The owner-usage source; null takes this system's (tests pass a fake: the "test hook on the usage probe").</param>
    public static SurplusMonitor Create(SurplusMonitorOptions options, TimeProvider time, ILoggerFactory loggers, IOwnerUsageSource? ownerUsage = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(loggers);
        options.Validate();
        var probeOptions = new HostProbeOptions { DataDir = options.DataDir };
        var policyOptions = options.Policy.Clone();
        policyOptions.HistoryPath ??= Path.Combine(options.DataDir, UsageHistoryStore.FileName);
        var policy = SurplusPolicies.Create(options.Earmark, policyOptions, time, loggers.CreateLogger<SurplusMonitor>());
        var scorer = new PerformanceScorer(options.DataDir, new BenchmarkOptions(), time, loggers.CreateLogger<PerformanceScorer>());
        return new SurplusMonitor(options, HostProbes.CreateDefault(probeOptions, loggers.CreateLogger<IHostProbe>()),
            ownerUsage ?? HostProbes.CreateDefaultUsageSource(probeOptions), policy, scorer, time, loggers.CreateLogger<SurplusMonitor>())
        {
            _ownedScorer = scorer,
        };
    }
}
