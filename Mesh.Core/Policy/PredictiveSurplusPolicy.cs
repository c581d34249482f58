using System.Globalization;
using Mesh.Core.Resources;
using Microsoft.Extensions.Logging;

namespace Mesh.Core.Policy;

/// <summary>
/// Reserves ahead of the owner (the description's "predicted" provisioning, 0031): reserved = max(earmark,
/// max(forecast over the horizon, smoothed current usage) + headroom), published through a <see cref="ChangeGate"/>.
/// The forecast comes from a daily profile (<see cref="UsageForecaster"/>) kept in the data dir; taking the max with
/// the current usage means a surprise spike is still honoured.
/// </summary>
public sealed partial class PredictiveSurplusPolicy : ISurplusPolicy
{
    private readonly Earmark _earmark;
    private readonly SurplusPolicyOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly UsageSmoother _smoother;
    private readonly ChangeGate _gate;
    private readonly Lock _saveGate = new();

    /// <summary>Creates the policy and loads its history from <see cref="SurplusPolicyOptions.HistoryPath"/> (a corrupt file is logged and ignored).</summary>
    public PredictiveSurplusPolicy(Earmark earmark, SurplusPolicyOptions options, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(earmark);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        _earmark = earmark;
        _options = options;
        _time = time;
        _logger = logger;
        _smoother = new UsageSmoother(options.RiseSmoothing, options.FallSmoothing, options.NoiseFactor);
        _gate = new ChangeGate(options.ChangeThreshold, options.HoldTime);
        Forecaster = new UsageForecaster(options, time.LocalTimeZone);
        if (options.HistoryPath is { } path && UsageHistoryStore.TryLoad(path, Forecaster) is { } problem)
        {
            LogHistoryIgnored(_logger, path, problem);
        }
    }

    /// <inheritdoc />
    public string Name => "predictive";

    /// <inheritdoc />
    public string Description => string.Create(CultureInfo.InvariantCulture,
        $"predictive (daily profile in {PolicyText.Duration(_options.ProfileBucket)} buckets, looking {PolicyText.Duration(_options.ForecastHorizon)} ahead, headroom {PolicyText.Headroom(_options.Headroom)}, at least {_earmark})");

    /// <summary>The forecaster (for tests and diagnostics).</summary>
    public UsageForecaster Forecaster { get; }

    /// <summary>How many times the published reservation changed.</summary>
    public int PublishedChanges => _gate.Changes;

    /// <summary>The usage the policy expects over the horizon from now: max(forecast, smoothed current usage).</summary>
    public ResourceVector ExpectedUsage { get; private set; }

    /// <inheritdoc />
    public SurplusDecision Evaluate(ResourceVector capacity, ResourceVector ownerUsage)
    {
        var now = _time.GetUtcNow();
        var smoothed = _smoother.Add(ownerUsage, now);
        if (Forecaster.Add(now, ownerUsage))
        {
            SaveState();
        }

        var forecast = Forecaster.ForecastMax(now, _options.ForecastHorizon) ?? ResourceVector.Zero;
        ExpectedUsage = new ResourceVector(Math.Max(forecast.Cpu, smoothed.Cpu), Math.Max(forecast.Memory, smoothed.Memory), 0, 0);
        var wanted = PolicyText.ReserveFor(_earmark.ReservedOf(capacity), ExpectedUsage, _options.Headroom);
        return SurplusDecision.Of(capacity, _gate.Offer(ResourceVector.Min(wanted, capacity), now));
    }

    /// <summary>Writes the history file (when a path is set); a failure is logged, never thrown.</summary>
    public void SaveState()
    {
        if (_options.HistoryPath is not { } path)
        {
            return;
        }

        lock (_saveGate)
        {
            try
            {
                UsageHistoryStore.Save(path, Forecaster, _time.GetUtcNow());
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                LogHistorySaveFailed(_logger, path, ex.Message);
            }
        }
    }

    [LoggerMessage(EventId = 1130, Level = LogLevel.Warning, Message = "Ignoring the usage history {Path} ({Problem}); the forecast starts afresh")]
    private static partial void LogHistoryIgnored(ILogger logger, string path, string problem);

    [LoggerMessage(EventId = 1131, Level = LogLevel.Warning, Message = "Could not save the usage history {Path}: {Problem}")]
    private static partial void LogHistorySaveFailed(ILogger logger, string path, string problem);
}
