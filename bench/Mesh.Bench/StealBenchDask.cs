using System.Diagnostics;
using System.Globalization;

namespace Mesh.Bench;

/// <summary>
/// The Dask distributed peer: 4 local worker processes, one thread each, every task running <c>/bin/true</c> as a process.
/// Debian's python3-distributed lives under /usr/bin/python3, which a pyenv python3 on the PATH would hide.
/// </summary>
internal static class StealBenchDask
{
    private const string Script = """
        import subprocess, sys, time
        from dask.distributed import Client, LocalCluster
        if __name__ == "__main__":
            n = int(sys.argv[1])
            with LocalCluster(n_workers=4, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, Client(cluster) as client:
                client.submit(lambda: 0).result()
                start = time.perf_counter()
                futures = client.map(lambda i: subprocess.run(["/bin/true"]).returncode, range(n), pure=False)
                assert sum(client.gather(futures)) == 0
                print(time.perf_counter() - start)
        """;

    /// <summary>Seconds for <paramref name="count"/> tasks after the cluster is up; null when Dask is not installed.</summary>
    public static async Task<double?> TimeAsync(int count)
    {
        var script = Path.Combine(Path.GetTempPath(), $"mbench-dask-{Environment.ProcessId}.py");
        await File.WriteAllTextAsync(script, Script).ConfigureAwait(false);
        try
        {
            var start = new ProcessStartInfo(File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(script);
            start.ArgumentList.Add(count.ToString(CultureInfo.InvariantCulture));
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().ConfigureAwait(false);
            var text = (await stdout.ConfigureAwait(false)).Trim();
            if (process.ExitCode != 0)
            {
                var error = await stderr.ConfigureAwait(false);
                Console.WriteLine($"Dask run failed: {error.Split('\n').LastOrDefault(l => l.Length > 0)}");
                return null;
            }

            return double.Parse(text, CultureInfo.InvariantCulture);
        }
        finally
        {
            File.Delete(script);
        }
    }
}
