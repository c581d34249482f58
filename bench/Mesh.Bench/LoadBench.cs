using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Mesh.Core.Control;

namespace Mesh.Bench;

/// <summary>
/// Issue 7's load target: one mesh-node holding 50,000 queued tasks while 100 concurrent clients submit and query it
/// over its control socket, as `mesh` does (HTTP on the Unix socket); the API's latency per request kind and the
/// node's memory before and after.
/// </summary>
public static class LoadBench
{
    /// <summary>Runs the benchmark and prints its figures.</summary>
    public static async Task RunAsync(LoadBenchSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var work = Directory.CreateTempSubdirectory("mbench-load-");
        try
        {
            await using var node = await TaskBenchNode.StartAsync(Path.Combine(work.FullName, "node"), "--name", "loaded", "--capacity", "cpu=1").ConfigureAwait(false);

            // One slot, held: everything after stays queued.
            await node.SubmitAsync(new SubmitTaskRequest { Argv = ["sleep", "3600"], Placement = "local" }).ConfigureAwait(false);
            var fill = Stopwatch.StartNew();
            for (var queued = 0; queued < settings.Queued; queued += 10_000)
            {
                var count = Math.Min(10_000, settings.Queued - queued);
                await node.SubmitAsync(new SubmitTaskRequest { Argv = ["echo", "{}"], Placement = "local", Array = $"1-{count}" }).ConfigureAwait(false);
            }

            await Task.Delay(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            var before = node.ResidentKiB();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{settings.Queued} tasks queued in {fill.Elapsed.TotalSeconds:0.0} s; VmRSS {before / 1024.0:0.0} MiB"));

            var samples = new ConcurrentDictionary<string, ConcurrentBag<double>>();
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(settings.Seconds));
            var clients = Enumerable.Range(0, settings.Clients).Select(i => ClientAsync(node, i, samples, stop.Token)).ToArray();
            await Task.WhenAll(clients).ConfigureAwait(false);
            await Task.Delay(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            var after = node.ResidentKiB();

            Console.WriteLine($"{settings.Clients} concurrent clients for {settings.Seconds} s, each in turn: submit one task, its status, the queue's first page, the peer table, the node");
            Console.WriteLine($"{"request",-34} {"count",7} {"p50 ms",8} {"p99 ms",8} {"max ms",8}");
            foreach (var (kind, bag) in samples.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                var list = bag.ToList();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{kind,-34} {list.Count,7} {Samples.Quantile(list, 0.5),8:0.0} {Samples.Quantile(list, 0.99),8:0.0} {list.Max(),8:0.0}"));
            }

            var all = samples.Values.SelectMany(b => b).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"all requests: p99 {Samples.Quantile(all, 0.99):0.0} ms (target <= 100 ms); VmRSS {before / 1024.0:0.0} -> {after / 1024.0:0.0} MiB with {settings.Queued + all.Count / 5} queued"));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task ClientAsync(TaskBenchNode node, int index, ConcurrentDictionary<string, ConcurrentBag<double>> samples, CancellationToken stop)
    {
        // Each client its own connection, as separate `mesh` processes would have.
        using var http = node.NewClient();
        while (!stop.IsCancellationRequested)
        {
            var submitted = await TimeAsync(samples, "POST /v1/tasks", async () =>
            {
                using var response = await http.PostAsJsonAsync("/v1/tasks", new SubmitTaskRequest { Argv = ["echo", index.ToString(CultureInfo.InvariantCulture)], Placement = "local" }, ControlJsonContext.Default.SubmitTaskRequest).ConfigureAwait(false);
                return (await response.Content.ReadFromJsonAsync(ControlJsonContext.Default.SubmitTaskResponse).ConfigureAwait(false))!.Ids[0];
            }).ConfigureAwait(false);
            await TimeAsync(samples, "GET /v1/tasks/ID", () => http.GetStringAsync($"/v1/tasks/{submitted}")).ConfigureAwait(false);
            await TimeAsync(samples, "GET /v1/tasks?state=queued&limit=100", () => http.GetStringAsync("/v1/tasks?state=queued&limit=100")).ConfigureAwait(false);
            await TimeAsync(samples, "GET /v1/peers", () => http.GetStringAsync("/v1/peers")).ConfigureAwait(false);
            await TimeAsync(samples, "GET /v1/node", () => http.GetStringAsync("/v1/node")).ConfigureAwait(false);
        }
    }

    private static async Task<T> TimeAsync<T>(ConcurrentDictionary<string, ConcurrentBag<double>> samples, string kind, Func<Task<T>> request)
    {
        var clock = Stopwatch.StartNew();
        var result = await request().ConfigureAwait(false);
        samples.GetOrAdd(kind, _ => []).Add(clock.Elapsed.TotalMilliseconds);
        return result;
    }
}
