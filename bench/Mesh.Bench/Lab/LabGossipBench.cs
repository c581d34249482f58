using System.Diagnostics;
using Mesh.Libp2p.Pnet;
using Mesh.Tests.Lab;

namespace Mesh.Bench.Lab;

/// <summary>
/// Issue 3 with real processes: builds a network-namespace lab (Mesh.Tests/Lab/NetworkLab.cs, linked in), starts one peer
/// process per host at once with nothing configured but a shared mesh key (mDNS finds the others, pnet, gossipsub), and
/// measures how long each takes to discover and connect to all others, then how fast and how completely messages
/// published round-robin reach every peer. Needs root (ip netns); nothing multicasts outside the lab's namespaces, and
/// the namespaces are deleted at the end, also on failure.
/// </summary>
public static class LabGossipBench
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MeshSettle = TimeSpan.FromSeconds(2);

    /// <summary>Runs one lab; returns the process exit code (2 when the lab cannot run here).</summary>
    public static async Task<int> RunAsync(LabGossipSettings settings)
    {
        if (NetworkLab.UnavailableReason() is { } reason)
        {
            await Console.Error.WriteLineAsync($"lab-gossip needs root on Linux with iproute2 (it builds network namespaces): {reason}").ConfigureAwait(false);
            return 2;
        }

        var jsDirectory = Path.Combine(FindRepositoryRoot(), "interop", "js");
        if (settings.JsPeers > 0 && !Directory.Exists(Path.Combine(jsDirectory, "node_modules", "libp2p")))
        {
            await Console.Error.WriteLineAsync($"the js peers need their packages: run `npm ci` in {jsDirectory}").ConfigureAwait(false);
            return 2;
        }

        var work = Directory.CreateTempSubdirectory("mesh-lab-bench-");
        try
        {
            var meshKey = Path.Combine(work.FullName, "swarm.key");
            await File.WriteAllTextAsync(meshKey, PreSharedKey.Generate().ToSwarmKeyText()).ConfigureAwait(false);
            var loadBefore = LoadAverage();
            await using var lab = await NetworkLab.CreateAsync(settings.TotalPeers).ConfigureAwait(false);
            var peers = StartAll(lab, settings, meshKey, jsDirectory);
            foreach (var peer in peers)
            {
                await peer.WaitReadyAsync(ReadyTimeout).ConfigureAwait(false);
            }

            var ids = peers.Select(p => p.Id).ToArray();
            var connected = await WaitAsync(() => peers.All(p => LabStartup.Measure(p, ids).ConnectedAll is not null), TimeSpan.FromSeconds(settings.TimeoutSeconds)).ConfigureAwait(false);
            var subscribed = await WaitForTopicPeersAsync(peers, TimeSpan.FromSeconds(settings.TimeoutSeconds)).ConfigureAwait(false);
            await Task.Delay(MeshSettle).ConfigureAwait(false);

            var published = Stopwatch.StartNew();
            for (var k = 0; k < settings.Messages; k++)
            {
                await peers[k % peers.Count].PublishAsync($"m{k}").ConfigureAwait(false);
                await Task.Delay(TimeSpan.FromMilliseconds(settings.IntervalMs)).ConfigureAwait(false);
            }

            var expected = settings.Messages * (peers.Count - 1);
            await WaitAsync(() => LabDelivery.CountDelivered(peers) >= expected, TimeSpan.FromSeconds(settings.TimeoutSeconds)).ConfigureAwait(false);

            // Late copies (mesh forwards, IWANT answers) would show as duplicates: give them a moment.
            await Task.Delay(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
            var delivery = LabDelivery.Measure(peers, settings.Messages);
            var startup = peers.Select(p => LabStartup.Measure(p, ids)).ToList();
            LabGossipReport.Print(settings, startup, connected, subscribed, delivery, published.Elapsed, loadBefore, LoadAverage());
            return 0;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static List<LabBenchPeer> StartAll(NetworkLab lab, LabGossipSettings settings, string meshKey, string jsDirectory)
    {
        var benchDll = typeof(LabPeerRole).Assembly.Location;
        var peers = new List<LabBenchPeer>();
        for (var i = 0; i < settings.TotalPeers; i++)
        {
            // Mesh peers on the first hosts, js peers after them; each peer's clock starts just before its own spawn.
            var kind = i < settings.CSharpPeers ? LabPeerKind.CSharp : LabPeerKind.Js;
            var spawn = MonotonicClock.NowNanoseconds();
            var process = kind == LabPeerKind.CSharp
                ? lab.Start(i, "dotnet", [benchDll, "lab-peer", meshKey], LogEnvironment(settings, i))
                : lab.Start(i, "node", ["peer.mjs", "--mdns", "--gossip", "--timestamps", "--psk", meshKey, "--listen", lab.Hosts[i].ListenAddress], workingDirectory: jsDirectory);
            peers.Add(new LabBenchPeer(i, kind, process, spawn));
        }

        return peers;
    }

    private static Dictionary<string, string>? LogEnvironment(LabGossipSettings settings, int index)
    {
        if (settings.LogDirectory is not { } directory)
        {
            return null;
        }

        Directory.CreateDirectory(directory);
        return new Dictionary<string, string> { [LabPeerRole.LogFileVariable] = Path.Combine(directory, $"peer-{index}.log") };
    }

    /// <summary>Waits until every peer knows every other subscribes; returns those that did not, as "peer i (kind): k of n".</summary>
    private static async Task<string> WaitForTopicPeersAsync(List<LabBenchPeer> peers, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        var pending = peers.ToDictionary(p => p, _ => 0);
        while (pending.Count > 0 && deadline.Elapsed < timeout)
        {
            foreach (var peer in pending.Keys.ToList())
            {
                var count = await peer.CountTopicPeersAsync().ConfigureAwait(false);
                if (count >= peers.Count - 1)
                {
                    pending.Remove(peer);
                }
                else
                {
                    pending[peer] = count;
                }
            }

            if (pending.Count > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200)).ConfigureAwait(false);
            }
        }

        return string.Join(", ", pending.Select(p => $"peer {p.Key.Index} ({p.Key.Kind}): {p.Value} of {peers.Count - 1}"));
    }

    private static async Task<bool> WaitAsync(Func<bool> done, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!done())
        {
            if (deadline.Elapsed > timeout)
            {
                return false;
            }

            await Task.Delay(Poll).ConfigureAwait(false);
        }

        return true;
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "?";
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Mesh.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("run the benchmark from inside the Mesh repository");
    }
}
