using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Mesh.Bench;

/// <summary>Times whole command runs (process start to exit): with hyperfine when it is installed, else by itself.</summary>
internal static class CommandTimer
{
    /// <summary>A command to time: a label and its argv.</summary>
    public sealed record TimedCommand(string Label, string[] Argv);

    /// <summary>Milliseconds of each run, per command, in the order given; and which tool measured.</summary>
    public static async Task<(IReadOnlyList<double[]> Samples, string Tool)> TimeAsync(IReadOnlyList<TimedCommand> commands, int runs, int warmup)
    {
        if (FindOnPath("hyperfine") is { } hyperfine)
        {
            return (await WithHyperfineAsync(hyperfine, commands, runs, warmup).ConfigureAwait(false), "hyperfine");
        }

        var samples = new List<double[]>();
        foreach (var command in commands)
        {
            for (var i = 0; i < warmup; i++)
            {
                await RunOnceAsync(command.Argv).ConfigureAwait(false);
            }

            var times = new double[runs];
            for (var i = 0; i < runs; i++)
            {
                times[i] = await RunOnceAsync(command.Argv).ConfigureAwait(false);
            }

            samples.Add(times);
        }

        return (samples, "Process.Start + Stopwatch");
    }

    /// <summary>Runs the command once with its output discarded; throws when it fails.</summary>
    public static async Task<double> RunOnceAsync(string[] argv)
    {
        var start = new ProcessStartInfo(argv[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in argv.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        var elapsed = clock.Elapsed.TotalMilliseconds;
        await stdout.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', argv)} exited {process.ExitCode}: {await stderr.ConfigureAwait(false)}");
        }

        return elapsed;
    }

    /// <summary>The full path of <paramref name="name"/> on PATH, or null.</summary>
    public static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    private static async Task<IReadOnlyList<double[]>> WithHyperfineAsync(string hyperfine, IReadOnlyList<TimedCommand> commands, int runs, int warmup)
    {
        var export = Path.Combine(Path.GetTempPath(), $"mesh-bench-{Environment.ProcessId}.json");
        var argv = new List<string>
        {
            hyperfine, "--shell=none", "--style", "none", "--output", "null",
            "--warmup", warmup.ToString(CultureInfo.InvariantCulture), "--runs", runs.ToString(CultureInfo.InvariantCulture),
            "--export-json", export,
        };
        foreach (var command in commands)
        {
            // --shell=none splits on spaces; none of the bench's arguments hold one.
            argv.Add(string.Join(' ', command.Argv));
        }

        try
        {
            await RunOnceAsync([.. argv]).ConfigureAwait(false);
            using var document = JsonDocument.Parse(await File.ReadAllTextAsync(export).ConfigureAwait(false));
            return [.. document.RootElement.GetProperty("results").EnumerateArray()
                .Select(r => r.GetProperty("times").EnumerateArray().Select(t => t.GetDouble() * 1000).ToArray())];
        }
        finally
        {
            File.Delete(export);
        }
    }
}
