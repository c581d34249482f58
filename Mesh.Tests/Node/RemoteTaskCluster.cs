using System.Diagnostics;
using System.Text.Json;
using Mesh.Core.Control;
using Mesh.Tests.Cli;

namespace Mesh.Tests.Node;

/// <summary>Real <c>mesh-node</c> processes on loopback sharing a mesh key (mDNS off, joined by <c>--peer</c>), driven with the real <c>mesh</c>.</summary>
internal sealed class RemoteTaskCluster : IAsyncDisposable
{
    private readonly Dictionary<string, NodeProcess> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string[]> _arguments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _addresses = new(StringComparer.Ordinal);

    public RemoteTaskCluster(DirectoryInfo work) => Work = work;

    public DirectoryInfo Work { get; }

    public IReadOnlyDictionary<string, NodeProcess> Nodes => _nodes;

    /// <summary>Starts node <paramref name="name"/>; it dials every node already running.</summary>
    public Task<NodeProcess> StartAsync(string name, params string[] extra) => StartWithAsync(name, new Dictionary<string, string>(), extra);

    /// <summary>Starts node <paramref name="name"/> with extra environment variables; it dials every node already running.</summary>
    public async Task<NodeProcess> StartWithAsync(string name, IReadOnlyDictionary<string, string> environment, params string[] extra)
    {
        _arguments[name] = extra;
        var peers = _addresses.Where(a => a.Key != name).SelectMany(a => new[] { "--peer", a.Value }).ToArray();
        var node = NodeProcess.StartWith(
            environment,
        [
            "--data-dir", DataDir(name), "--name", name, "--mesh-key", MeshKeyPath(),
            "--listen", "/ip4/127.0.0.1/tcp/0", "--no-mdns", .. peers, .. extra,
        ]);
        _nodes[name] = node;
        _addresses[name] = await node.WaitForListenAddressAsync();
        Assert.That(await node.WaitForStdoutAsync("control API on unix:", TimeSpan.FromSeconds(30)), Is.True, node.Stderr);
        return node;
    }

    /// <summary>Kills node <paramref name="name"/> (no clean stop) and starts it again with the same data dir and flags.</summary>
    public async Task RestartAsync(string name)
    {
        await KillAsync(name);
        await StartAsync(name, _arguments[name]);
    }

    /// <summary>Kills node <paramref name="name"/> at once, as a crash or a power cut would.</summary>
    public async Task KillAsync(string name)
    {
        await _nodes[name].DisposeAsync();
        _nodes.Remove(name);
        _addresses.Remove(name);
    }

    public string DataDir(string name) => Path.Combine(Work.FullName, name);

    public Task<MeshProcess.Result> MeshAsync(string node, params string[] arguments) => MeshInAsync(null, node, arguments);

    /// <summary>Runs <c>mesh</c> against <paramref name="node"/> from <paramref name="workingDirectory"/> (where output files come back).</summary>
    public Task<MeshProcess.Result> MeshInAsync(string? workingDirectory, string node, params string[] arguments) =>
        MeshProcess.RunInAsync(workingDirectory, new Dictionary<string, string?> { ["MESH_NODE"] = "unix:" + Path.Combine(DataDir(node), "control.sock") }, arguments);

    /// <summary>Polls <c>mesh peers --json</c> at <paramref name="node"/> until it lists every name given.</summary>
    public async Task<PeersView> WaitForPeersAsync(string node, params string[] names)
    {
        var deadline = Stopwatch.StartNew();
        var last = "(no answer yet)";
        while (deadline.Elapsed < TimeSpan.FromSeconds(45))
        {
            var result = await MeshAsync(node, "peers", "--json");
            if (result.ExitCode == 0)
            {
                var view = JsonSerializer.Deserialize(result.Stdout, ControlJsonContext.Default.PeersView)!;
                if (names.All(n => view.Peers.Any(p => p.Name == n)))
                {
                    return view;
                }

                last = result.Stdout;
            }
            else
            {
                last = result.Stderr;
            }

            await Task.Delay(200);
        }

        Assert.Fail($"the peer table at {node} never listed {string.Join(", ", names)}; last answer: {last}");
        throw new UnreachableException();
    }

    public async Task<string> IdOfAsync(string node)
    {
        var result = await MeshAsync(node, "node", "--json");
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        return JsonSerializer.Deserialize(result.Stdout, ControlJsonContext.Default.NodeView)!.Id;
    }

    public async Task<TaskStatusView> StatusAsync(string node, string id)
    {
        var result = await MeshAsync(node, "status", id, "--json");
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        return JsonSerializer.Deserialize(result.Stdout, ControlJsonContext.Default.TaskStatusView)!;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes.Values)
        {
            await node.DisposeAsync();
        }
    }

    private string MeshKeyPath()
    {
        var path = Path.Combine(Work.FullName, "swarm.key");
        if (!File.Exists(path))
        {
            Mesh.Libp2p.Pnet.PreSharedKey.LoadOrCreate(path, out _);
        }

        return path;
    }
}
