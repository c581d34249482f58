using System.Diagnostics;

namespace Mesh.Tests.Security;

/// <summary>Runs a system tool (curl, setpriv, stat) to the end and captures what it printed.</summary>
internal static class ToolProcess
{
    public static async Task<Result> RunAsync(params string[] argv)
    {
        var start = new ProcessStartInfo(argv[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in argv.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>The first of <paramref name="paths"/> that exists, or null.</summary>
    public static string? Find(params string[] paths) => paths.FirstOrDefault(File.Exists);

    /// <summary>What a finished tool left.</summary>
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
    }
}
