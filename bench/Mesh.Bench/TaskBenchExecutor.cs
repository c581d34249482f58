using System.Diagnostics;
using System.Globalization;
using Mesh.Core.Execution;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mesh.Bench;

/// <summary>
/// What one isolated start of <c>true</c> costs in the executor alone (no store, no network), with each isolation
/// layer the node can add, so the node-level latency can be read against it.
/// </summary>
internal static class TaskBenchExecutor
{
    public static async Task RunAsync(int runs, int warmup, string workRoot)
    {
        Console.WriteLine($"the executor alone, `true`, {runs} runs after {warmup} warm-up (LocalExecutor.ExecuteAsync, start to result)");
        Console.WriteLine($"{"isolation",-44} {"p50 ms",8} {"p99 ms",8}");
        foreach (var (label, options) in new[]
        {
            ("as the node runs it (cgroups, nobody, bwrap)", new LocalExecutorOptions { WorkRoot = workRoot }),
            ("without bubblewrap", new LocalExecutorOptions { WorkRoot = workRoot, UseBubblewrap = false }),
            ("without bubblewrap and cgroups", new LocalExecutorOptions { WorkRoot = workRoot, UseBubblewrap = false, UseCgroups = false }),
        })
        {
            var executor = new LocalExecutor(options, TimeProvider.System, NullLogger<LocalExecutor>.Instance);
            var samples = new List<double>();
            for (var i = 0; i < warmup + runs; i++)
            {
                var clock = Stopwatch.StartNew();
                var result = await executor.ExecuteAsync(new ExecutionRequest
                {
                    TaskId = "bench",
                    AttemptId = i.ToString(CultureInfo.InvariantCulture),
                    Argv = ["true"],
                }).ConfigureAwait(false);
                var elapsed = clock.Elapsed.TotalMilliseconds;
                if (result.WorkingDirectory is { } directory)
                {
                    Directory.Delete(directory, recursive: true);
                }

                if (i >= warmup)
                {
                    samples.Add(elapsed);
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label,-44} {Samples.Quantile(samples, 0.5),8:0.00} {Samples.Quantile(samples, 0.99),8:0.00}"));
        }
    }
}
