using Mesh.Core.Probe;
using Mesh.Core.Resources;
using Mesh.Core.Scoring;
using Microsoft.Extensions.Logging;

namespace Mesh.Core.Policy;

/// <summary>
/// The one place a node's surplus comes from: it owns the probe loop (capacity, owner usage), the surplus policy and
/// the performance score, keeps <see cref="Current"/>, and raises <see cref="Changed"/> when what the ledger carries
/// changes. A probe failure never stops it: it logs and keeps the last good reading.
/// </summary>
public sealed partial class SurplusMonitor : IAsyncDisposable
{
    private readonly SurplusMonitorOptions _options;
    private readonly IHostProbe _probe;
    private readonly IOwnerUsageSource _usage;
    private readonly ISurplusPolicy _policy;
    private readonly PerformanceScorer? _scorer;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private HostCapacity _detected = HostCapacity.None;
    private ResourceVector _ownerUsage;
    private double _score;
    private DateTimeOffset _capacityReadAt;
    private bool _usageFailing;
    private bool _capacityFailing;
    private SurplusSnapshot _current = new();
    private Task? _loop;
    private Task? _scoring;
    private PerformanceScorer? _ownedScorer;

    /// <summary>Creates the monitor; nothing is read until <see cref="StartAsync"/>.</summary>
    /// <param name="options">Interval, capacity override, earmark.</param>
    /// <param name="probe">Detects capacity.</param>
    /// <param name="usage">Measures the owner's usage (tests pass a fake).</param>
    /// <param name="policy">Decides the reservation (see <see cref="SurplusPolicies.Create"/>).</param>
    /// <param name="scorer">Gets the performance score; null leaves it at 0.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">Where failures are logged.</param>
    public SurplusMonitor(
        SurplusMonitorOptions options, IHostProbe probe, IOwnerUsageSource usage, ISurplusPolicy policy, PerformanceScorer? scorer, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(usage);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        _options = options;
        _probe = probe;
        _usage = usage;
        _policy = policy;
        _scorer = scorer;
        _time = time;
        _logger = logger;
    }

    /// <summary>Raised (on the monitor's loop) when capacity, reservation, surplus, GPUs, score or policy change.</summary>
    public event EventHandler<SurplusSnapshot>? Changed;

    /// <summary>The latest reading; a default (all zero) snapshot before <see cref="StartAsync"/>.</summary>
    public SurplusSnapshot Current => Volatile.Read(ref _current);

    /// <summary>
    /// Reads the capacity and the owner's usage once (so <see cref="Current"/> is meaningful when this returns), then
    /// starts the probe loop and, in the background, the score (cached or measured).
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_loop is not null)
        {
            throw new InvalidOperationException("The monitor is already started.");
        }

        await RefreshCapacityAsync(cancellationToken).ConfigureAwait(false);
        await SampleAsync(cancellationToken).ConfigureAwait(false);
        LogStarted(_logger, ResourceText.Describe(Current.Capacity), _policy.Description);
        _loop = RunLoopAsync(_stopping.Token);
        if (_scorer is not null && _options.MeasureScore)
        {
            _scoring = MeasureScoreAsync(_options.RerunBenchmark, _stopping.Token);
        }
    }

    /// <summary>Runs the benchmark again (the control API's "re-run on request") and publishes the new score.</summary>
    public async Task<PerformanceScore> RerunBenchmarkAsync(CancellationToken cancellationToken = default)
    {
        if (_scorer is null)
        {
            return PerformanceScore.Unmeasured;
        }

        var score = await _scorer.GetAsync(rerun: true, cancellationToken).ConfigureAwait(false);
        _score = score.Score;
        Publish(Compose());
        return score;
    }

    /// <summary>One probe round now (what the loop does every interval): reads usage, refreshes capacity when due, evaluates the policy.</summary>
    public async Task SampleAsync(CancellationToken cancellationToken = default)
    {
        if (_time.GetUtcNow() - _capacityReadAt >= _options.CapacityRefresh)
        {
            await RefreshCapacityAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            _ownerUsage = await _usage.ReadOwnerUsageAsync(cancellationToken).ConfigureAwait(false);
            if (_usageFailing)
            {
                _usageFailing = false;
                LogUsageRecovered(_logger);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (!_usageFailing)
            {
                _usageFailing = true;
                LogUsageFailed(_logger, ex);
            }
        }

        Publish(Compose());
    }

    /// <summary>Stops the loop and the scoring, awaits them, and saves the policy's state.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (var task in (Task?[])[_loop, _scoring])
        {
            if (task is null)
            {
                continue;
            }

            try
            {
                await task.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopping is how these end.
            }
        }

        _policy.SaveState();
        _stopping.Dispose();
        _ownedScorer?.Dispose();
    }

    private async Task RunLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.Interval, _time);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            await SampleAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task MeasureScoreAsync(bool rerun, CancellationToken cancellationToken)
    {
        try
        {
            var score = await _scorer!.GetAsync(rerun, cancellationToken).ConfigureAwait(false);
            _score = score.Score;
            Publish(Compose());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogScoreFailed(_logger, ex);
        }
    }

    private async Task RefreshCapacityAsync(CancellationToken cancellationToken)
    {
        _capacityReadAt = _time.GetUtcNow();
        try
        {
            _detected = await _probe.ReadCapacityAsync(cancellationToken).ConfigureAwait(false);
            _capacityFailing = false;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (!_capacityFailing)
            {
                _capacityFailing = true;
                LogCapacityFailed(_logger, ex);
            }
        }
    }

    private SurplusSnapshot Compose()
    {
        lock (_gate)
        {
            var capacity = _options.CapacityOverride.ApplyTo(_detected.Resources).ClampToZero();
            var decision = _policy.Evaluate(capacity, _ownerUsage);
            return new SurplusSnapshot
            {
                Capacity = capacity,
                Reserved = decision.Reserved,
                Surplus = decision.Surplus,
                OwnerUsage = _ownerUsage,
                Gpus = [.. _detected.Gpus.Take(capacity.Gpu)],
                Policy = _policy.Name,
                PolicyDescription = _policy.Description,
                Score = _score,
                MeasuredAt = _time.GetUtcNow(),
            };
        }
    }

    private void Publish(SurplusSnapshot snapshot)
    {
        var previous = Interlocked.Exchange(ref _current, snapshot);
        if (!snapshot.PublishedDiffers(previous) || Changed is not { } handlers)
        {
            return;
        }

        try
        {
            handlers(this, snapshot);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A subscriber's bug must not stop the probe loop.
            LogHandlerFailed(_logger, ex);
        }
    }

    [LoggerMessage(EventId = 1110, Level = LogLevel.Information, Message = "Capacity {Capacity}; surplus policy {Policy}")]
    private static partial void LogStarted(ILogger logger, string capacity, string policy);

    [LoggerMessage(EventId = 1111, Level = LogLevel.Warning, Message = "Reading the owner's usage failed; keeping the last good reading")]
    private static partial void LogUsageFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1112, Level = LogLevel.Information, Message = "Reading the owner's usage works again")]
    private static partial void LogUsageRecovered(ILogger logger);

    [LoggerMessage(EventId = 1113, Level = LogLevel.Warning, Message = "Detecting the capacity failed; keeping the last good reading")]
    private static partial void LogCapacityFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1114, Level = LogLevel.Warning, Message = "The performance benchmark failed; the score stays as it was")]
    private static partial void LogScoreFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1115, Level = LogLevel.Error, Message = "A subscriber of surplus changes threw")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception);
}
