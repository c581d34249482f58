using System.Diagnostics;
using Mesh.Tests.Fuzz.Targets;

namespace Mesh.Tests.Fuzz;

/// <summary>
/// Runs scripts/fuzz.sh for 3 s per target: AFL++ installs and starts, the instrumented harness answers AFL for every
/// target, and nothing crashes or hangs in that time. Root only, since the script installs afl++ with apt-get.
/// </summary>
[Category("Fuzz")]
public sealed class FuzzScriptTests
{
    private const int SecondsPerTarget = 3;

    [Test]
    [CancelAfter(240_000)]
    public async Task FuzzScript_ThreeSecondsPerTarget_EveryTargetRunsWithoutCrashOrHang(CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            Assert.Ignore("scripts/fuzz.sh installs afl++ with apt-get, which needs root on Linux (CI runs as root)");
        }

        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryPaths.Root, "scripts", "fuzz.sh"), SecondsPerTarget.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var lines = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var report = $"stdout:\n{await output}\nstderr:\n{await error}";
        Assert.Multiple(() =>
        {
            Assert.That(process.ExitCode, Is.Zero, report);
            foreach (var target in FuzzTargets.All)
            {
                Assert.That(lines, Has.One.Matches<string>(l => l.StartsWith($"fuzz {target.Name}: execs=", StringComparison.Ordinal)
                    && l.Contains(" crashes=0 hangs=0", StringComparison.Ordinal)), report);
            }
        });
    }
}
