namespace Mesh.Bench;

/// <summary>N real mesh-node processes on loopback with one mesh key, each dialing the first, all in every table.</summary>
internal sealed class StealBenchMesh : IAsyncDisposable
{
    private readonly List<TaskBenchNode?> _nodes;

    private StealBenchMesh(List<TaskBenchNode?> nodes) => _nodes = nodes;

    public TaskBenchNode this[int index] => _nodes[index] ?? throw new InvalidOperationException($"node {index} was killed");

    public static async Task<StealBenchMesh> StartAsync(string root, int count, params string[] extra)
    {
        var nodes = new List<TaskBenchNode?>();
        var mesh = new StealBenchMesh(nodes);
        try
        {
            nodes.Add(await TaskBenchNode.StartAsync(Path.Combine(root, "n1"), ["--name", "n1", .. extra]).ConfigureAwait(false));
            var key = Path.Combine(nodes[0]!.DataDir, "swarm.key");
            for (var i = 2; i <= count; i++)
            {
                nodes.Add(await TaskBenchNode.StartAsync(
                    Path.Combine(root, $"n{i}"), ["--name", $"n{i}", "--peer", nodes[0]!.Address, "--mesh-key", key, .. extra]).ConfigureAwait(false));
            }

            foreach (var node in nodes)
            {
                for (var i = 0; (await node!.PeersAsync().ConfigureAwait(false)).Peers.Count < count; i++)
                {
                    if (i == 300)
                    {
                        throw new InvalidOperationException($"a node never saw all {count} peers");
                    }

                    await Task.Delay(100).ConfigureAwait(false);
                }
            }

            return mesh;
        }
        catch
        {
            await mesh.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Kills node <paramref name="index"/> at once (its tasks die with it).</summary>
    public async Task KillAsync(int index)
    {
        if (_nodes[index] is { } node)
        {
            _nodes[index] = null;
            await node.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            if (node is not null)
            {
                await node.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
