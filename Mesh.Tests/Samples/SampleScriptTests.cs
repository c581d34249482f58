using System.Diagnostics;

namespace Mesh.Tests.Samples;

/// <summary>The samples the README points to still run: a sample that no longer works is worse than none.</summary>
[TestFixture]
[NonParallelizable]
[CancelAfter(240_000)]
public sealed class SampleScriptTests
{
    [Test]
    public async Task ThreeNodesSample_PeersMode_ShowsThreeNodesAndTheLayer()
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(RepositoryPaths.Root, "samples", "three-nodes.sh"));
        start.ArgumentList.Add("--peers");
        start.Environment.Remove("MESH_NODE");

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var output = await stdout;
        Assert.That(process.ExitCode, Is.Zero, output + await stderr);
        Assert.That(output, Does.Contain("layer: 3"), output);
        foreach (var name in new[] { "alpha", "beta", "gamma" })
        {
            Assert.That(output, Does.Contain(name), output);
        }
    }
}
