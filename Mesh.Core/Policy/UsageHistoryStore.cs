using System.Text.Json;

namespace Mesh.Core.Policy;

/// <summary>Reads and writes the predictive history file; a missing, corrupt or foreign file reads as "no history".</summary>
public static class UsageHistoryStore
{
    /// <summary>The file name in the data dir.</summary>
    public const string FileName = "usage-history.json";

    /// <summary>The most bytes read from the file (it is a few kilobytes; anything larger is not ours).</summary>
    public const int MaxFileBytes = 1 << 20;

    /// <summary>Loads <paramref name="path"/> into <paramref name="forecaster"/>; returns why it was not used, or null on success or when the file is absent.</summary>
    public static string? TryLoad(string path, UsageForecaster forecaster)
    {
        ArgumentNullException.ThrowIfNull(forecaster);
        if (!File.Exists(path))
        {
            return null;
        }

        UsageHistoryDocument? document;
        try
        {
            using var stream = File.OpenRead(path);
            if (stream.Length > MaxFileBytes)
            {
                return $"larger than {MaxFileBytes} bytes";
            }

            document = JsonSerializer.Deserialize(stream, PolicyJsonContext.Default.UsageHistoryDocument);
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return ex.Message;
        }

        if (document is null || document.Version != UsageHistoryDocument.CurrentVersion)
        {
            return $"unknown format version {document?.Version}";
        }

        if (Math.Abs(document.BucketMinutes - forecaster.Bucket.TotalMinutes) > 1e-9)
        {
            return $"built with {document.BucketMinutes} min buckets, not {forecaster.Bucket.TotalMinutes}";
        }

        // Import both or neither: a half-restored history would pair a CPU profile with an empty memory one.
        var cpu = forecaster.Cpu.Export();
        if (!forecaster.Cpu.TryImport(document.Cpu))
        {
            return "the cpu profile is malformed";
        }

        if (!forecaster.Memory.TryImport(document.Memory))
        {
            forecaster.Cpu.TryImport(cpu);
            return "the memory profile is malformed";
        }

        return null;
    }

    /// <summary>Writes the history atomically (a temporary file renamed over the old one).</summary>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void Save(string path, UsageForecaster forecaster, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(forecaster);
        var document = new UsageHistoryDocument(
            UsageHistoryDocument.CurrentVersion, forecaster.Bucket.TotalMinutes, forecaster.Cpu.Export(), forecaster.Memory.Export(), now);
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(document, PolicyJsonContext.Default.UsageHistoryDocument));
        File.Move(temporary, path, overwrite: true);
    }
}
