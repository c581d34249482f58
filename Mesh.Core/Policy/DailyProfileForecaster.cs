namespace Mesh.Core.Policy;

/// <summary>
/// Forecasts one quantity (cores or bytes) from its history: Holt-Winters-style additive smoothing with a level and
/// a 24 h profile in buckets. Each finished bucket's mean updates the level (deseasonalised) and that bucket's
/// profile; the forecast for a time is level + profile of its bucket. A bucket never observed has no forecast.
/// </summary>
public sealed class DailyProfileForecaster
{
    private readonly double _levelSmoothing;
    private readonly double _profileSmoothing;
    private readonly double[] _profile;
    private readonly int[] _seen;
    private bool _hasLevel;

    /// <summary>Creates an empty forecaster with <paramref name="buckets"/> buckets a day.</summary>
    public DailyProfileForecaster(int buckets, double levelSmoothing, double profileSmoothing)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(buckets, 1);
        _levelSmoothing = levelSmoothing;
        _profileSmoothing = profileSmoothing;
        _profile = new double[buckets];
        _seen = new int[buckets];
    }

    /// <summary>The number of buckets a day.</summary>
    public int Buckets => _profile.Length;

    /// <summary>The deseasonalised level.</summary>
    public double Level { get; private set; }

    /// <summary>Folds in the mean of one finished bucket.</summary>
    public void Observe(int bucket, double mean)
    {
        if (!double.IsFinite(mean) || (uint)bucket >= (uint)_profile.Length)
        {
            return;
        }

        if (!_hasLevel)
        {
            Level = mean;
            _hasLevel = true;
        }

        if (_seen[bucket] == 0)
        {
            // First sight of this time of day: the profile starts as the offset from the level.
            _profile[bucket] = mean - Level;
        }
        else
        {
            Level += _levelSmoothing * (mean - _profile[bucket] - Level);
            _profile[bucket] += _profileSmoothing * (mean - Level - _profile[bucket]);
        }

        _seen[bucket] = Math.Min(_seen[bucket] + 1, 1_000_000);
    }

    /// <summary>The forecast for <paramref name="bucket"/> (never negative), or null when that bucket was never observed.</summary>
    public double? Forecast(int bucket) =>
        (uint)bucket < (uint)_profile.Length && _seen[bucket] > 0 ? Math.Max(0, Level + _profile[bucket]) : null;

    /// <summary>The state, to persist.</summary>
    public ForecasterState Export() => new(Level, _hasLevel, [.. _profile], [.. _seen]);

    /// <summary>Restores a persisted state; false (state unchanged) when it does not fit this forecaster or holds bad numbers.</summary>
    public bool TryImport(ForecasterState? state)
    {
        if (state is null || state.Profile is null || state.Seen is null
            || state.Profile.Length != _profile.Length || state.Seen.Length != _seen.Length
            || !double.IsFinite(state.Level) || state.Profile.Any(v => !double.IsFinite(v)) || state.Seen.Any(v => v < 0))
        {
            return false;
        }

        Level = state.Level;
        _hasLevel = state.HasLevel;
        state.Profile.CopyTo(_profile, 0);
        state.Seen.CopyTo(_seen, 0);
        return true;
    }
}
