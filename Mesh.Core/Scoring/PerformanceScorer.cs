using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Mesh.Core.Scoring;

/// <summary>
/// Gets the performance score: from <c>DATA_DIR/score.json</c> when it was measured by this benchmark version on this
/// CPU model and core count, otherwise (or on request) by running the benchmark and caching the result. A corrupt
/// cache is logged and measured again.
/// </summary>
public sealed partial class PerformanceScorer : IDisposable
{
    /// <summary>The cache file name in the data dir.</summary>
    public const string FileName = "score.json";

    private const int MaxFileBytes = 64 << 10;

    private readonly string _path;
    private readonly MachineIdentity _machine;
    private readonly Func<CancellationToken, BenchmarkResult> _benchmark;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _running = new(1, 1);

    /// <summary>Creates a scorer that runs <see cref="PerformanceBenchmark"/> with <paramref name="options"/>.</summary>
    public PerformanceScorer(string dataDir, BenchmarkOptions options, TimeProvider time, ILogger logger)
        : this(dataDir, MachineIdentity.Current(), token => PerformanceBenchmark.Run(options, token), time, logger)
    {
    }

    /// <summary>Creates a scorer with a given machine identity and benchmark (tests pass a fake benchmark).</summary>
    public PerformanceScorer(string dataDir, MachineIdentity machine, Func<CancellationToken, BenchmarkResult> benchmark, TimeProvider time, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDir);
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(benchmark);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _path = Path.Combine(dataDir, FileName);
        _machine = machine;
        _benchmark = benchmark;
        _time = time;
        _logger = logger;
    }

    /// <summary>The cached score when it is still valid, else a fresh measurement (also when <paramref name="rerun"/>).</summary>
    public async Task<PerformanceScore> GetAsync(bool rerun = false, CancellationToken cancellationToken = default)
    {
        await _running.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!rerun && TryReadCache() is { } cached)
            {
                return cached;
            }

            // The benchmark blocks its threads for under a second; keep it off the caller's thread.
            var result = await Task.Run(() => _benchmark(cancellationToken), cancellationToken).ConfigureAwait(false);
            var score = new PerformanceScore(result.Score, result, _time.GetUtcNow(), FromCache: false);
            LogMeasured(_logger, score.Score, result.CpuMiBPerSecond, result.MemoryGiBPerSecond);
            WriteCache(score);
            return score;
        }
        finally
        {
            _running.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _running.Dispose();

    private PerformanceScore? TryReadCache()
    {
        if (!File.Exists(_path))
        {
            return null;
        }

        ScoreCacheDocument? document;
        try
        {
            var bytes = File.ReadAllBytes(_path);
            document = bytes.Length > MaxFileBytes ? null : JsonSerializer.Deserialize(bytes, ScoringJsonContext.Default.ScoreCacheDocument);
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            LogCacheCorrupt(_logger, _path, ex.Message);
            return null;
        }

        if (document is null || document.CpuModel is null || !double.IsFinite(document.Score) || document.Score <= 0)
        {
            LogCacheCorrupt(_logger, _path, "no valid score in it");
            return null;
        }

        if (document.Version != ScoreCacheDocument.CurrentVersion || document.BenchmarkVersion != PerformanceBenchmark.Version
            || document.CpuModel != _machine.CpuModel || document.Cores != _machine.Cores)
        {
            LogCacheStale(_logger, _path);
            return null;
        }

        return new PerformanceScore(
            document.Score, new BenchmarkResult(document.CpuMiBPerSecond, document.MemoryGiBPerSecond), document.MeasuredAt, FromCache: true);
    }

    private void WriteCache(PerformanceScore score)
    {
        var document = new ScoreCacheDocument(ScoreCacheDocument.CurrentVersion, PerformanceBenchmark.Version, _machine.CpuModel, _machine.Cores,
            score.Score, score.Result.CpuMiBPerSecond, score.Result.MemoryGiBPerSecond, score.MeasuredAt);
        try
        {
            var temporary = _path + ".tmp";
            File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(document, ScoringJsonContext.Default.ScoreCacheDocument));
            File.Move(temporary, _path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogCacheWriteFailed(_logger, _path, ex.Message);
        }
    }

    [LoggerMessage(EventId = 1150, Level = LogLevel.Information, Message = "Performance score {Score:0.#} (SHA-256 {Cpu:0} MiB/s, memory copy {Memory:0.#} GiB/s)")]
    private static partial void LogMeasured(ILogger logger, double score, double cpu, double memory);

    [LoggerMessage(EventId = 1151, Level = LogLevel.Warning, Message = "The score cache {Path} is corrupt ({Problem}); measuring again")]
    private static partial void LogCacheCorrupt(ILogger logger, string path, string problem);

    [LoggerMessage(EventId = 1152, Level = LogLevel.Information, Message = "The score cache {Path} was measured by another benchmark version or on other hardware; measuring again")]
    private static partial void LogCacheStale(ILogger logger, string path);

    [LoggerMessage(EventId = 1153, Level = LogLevel.Warning, Message = "Could not write the score cache {Path}: {Problem}")]
    private static partial void LogCacheWriteFailed(ILogger logger, string path, string problem);
}
