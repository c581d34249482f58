using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Mesh.Libp2p.PubSub;

namespace Mesh.Bench;

/// <summary>
/// Gossipsub dissemination: N in-process hosts on loopback in a sparse random graph; time until all are connected
/// and meshed, then delivery ratio, duplicates and latency of M messages published from random hosts.
/// </summary>
public static class GossipBench
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Runs every swarm size in turn and prints a markdown table.</summary>
    public static async Task RunAsync(GossipBenchSettings settings)
    {
        if (settings.Profile)
        {
            await GossipConnectProfile.RunAsync(settings.PeerCounts.Max() * 5).ConfigureAwait(false);
            return;
        }

        var options = settings.CreateOptions();
        var results = new List<GossipResult>();
        foreach (var peers in settings.PeerCounts)
        {
            var result = await RunSwarmAsync(peers, settings, options).ConfigureAwait(false);
            results.Add(result);
            await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {peers} peers done: {result.Delivered}/{result.Expected} delivered, {result.PeerExchangeConnections} connections made by peer exchange")).ConfigureAwait(false);
        }

        var invariant = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(invariant, $"gossip benchmark: in-process hosts on loopback with pnet, static dials, {Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}"));
        Console.WriteLine(string.Create(invariant, $"gossipsub options: preset {settings.Preset}, D = {options.D}, D_lo = {options.DLow}, D_hi = {options.DHigh}, heartbeat {options.HeartbeatInterval.TotalSeconds} s, flood publish {(options.FloodPublish ? "on" : "off")}, peer exchange {(options.DoPeerExchange ? "on" : "off")}; {(settings.AllPairs ? "every pair of hosts connected" : "sparse random graph")}; one message at a time from a random host, interval as in the table"));
        Console.WriteLine();
        Console.WriteLine("| peers | links | host connected p95 (ms) | all connected (ms) | CPU while connecting (ms) | GC pauses while connecting (ms) | allocated while connecting (MiB) | meshes formed (ms) | messages | interval (ms) | delivered | app duplicates | mean mesh degree | wire duplicates per message per peer | p50 (ms) | p99 (ms) | max (ms) |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            var ratio = 100.0 * r.Delivered / r.Expected;
            var wirePerPeer = (double)r.WireDuplicates / r.Expected;
            Console.WriteLine(string.Create(invariant, $"| {r.Peers} | {r.Edges} | {r.ConnectedP95Ms:0} | {r.AllConnectedMs:0} | {r.ConnectCpuMs:0} | {r.ConnectGcPauseMs:0} | {r.ConnectAllocatedMiB:0} | {r.MeshesFormedMs:0} | {r.Messages} | {r.IntervalMs:0.#} | {ratio:0.###}% | {r.AppDuplicates} | {r.MeanMeshDegree:0.0} | {wirePerPeer:0.00} | {r.LatencyP50Ms:0.00} | {r.LatencyP99Ms:0.00} | {r.LatencyMaxMs:0.00} |"));
        }
    }

    private static async Task<GossipResult> RunSwarmAsync(int peers, GossipBenchSettings settings, GossipsubOptions options)
    {
        var random = new Random(settings.Seed + peers);
        var messages = settings.MessagesFor(peers);
        var interval = settings.IntervalMsFor(peers);
        await using var swarm = await GossipSwarm.StartAsync(peers, options).ConfigureAwait(false);
        var edges = settings.AllPairs ? GossipSwarm.PlanAllPairs(peers, random) : GossipSwarm.PlanEdges(peers, random);
        var times = await swarm.ConnectAsync(edges).ConfigureAwait(false);

        var recorder = new GossipDeliveryRecorder(swarm.Subscriptions, messages);
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < messages; i++)
        {
            var due = TimeSpan.FromMilliseconds(i * interval) - Stopwatch.GetElapsedTime(started);
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due).ConfigureAwait(false);
            }

            var publisher = swarm.Routers[random.Next(peers)];
            await publisher.PublishAsync(GossipSwarm.Topic, GossipDeliveryRecorder.CreatePayload(i)).ConfigureAwait(false);
        }

        var complete = await recorder.WaitAllAsync(DrainTimeout).ConfigureAwait(false);
        if (!complete)
        {
            await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {peers} peers: only {recorder.Delivered} of {recorder.Expected} deliveries after {DrainTimeout.TotalSeconds} s; dropped in subscriptions {swarm.Subscriptions.Sum(s => s.Dropped)}, outbound {swarm.Routers.Sum(r => r.Statistics.DroppedOutbound)}")).ConfigureAwait(false);
        }

        var wireDuplicates = swarm.Routers.Sum(r => r.Statistics.DuplicateMessages);
        var latencies = recorder.Latencies();
        var result = new GossipResult(
            peers,
            edges.Count,
            Samples.Quantile(times.HostConnectedMs, 0.95),
            times.AllConnectedMs,
            times.ConnectCpuMs,
            times.ConnectGcPauseMs,
            times.ConnectAllocatedMiB,
            times.MeshesFormedMs,
            messages,
            interval,
            recorder.Delivered,
            recorder.Expected,
            recorder.Duplicates,
            wireDuplicates,
            swarm.Routers.Average(r => r.GetMeshPeers(GossipSwarm.Topic).Count),
            latencies.Count == 0 ? double.NaN : Samples.Quantile(latencies, 0.5),
            latencies.Count == 0 ? double.NaN : Samples.Quantile(latencies, 0.99),
            latencies.Count == 0 ? double.NaN : latencies.Max(),
            swarm.Routers.Sum(r => r.Statistics.PeerExchangeConnections));
        await swarm.DisposeAsync().ConfigureAwait(false);
        await recorder.StopAsync().ConfigureAwait(false);
        return result;
    }
}
