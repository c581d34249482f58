using System.CommandLine;

namespace Mesh.Node;

/// <summary>
/// The <c>mesh-node</c> command line (flags of shared/DESIGN.md). Every flag can also come from an environment
/// variable <c>MESH_FLAG_NAME</c> or the JSON config file; <see cref="NodeOptionsBuilder"/> merges them.
/// </summary>
public static class NodeCommand
{
    /// <summary>Builds the root command with the process environment; <paramref name="run"/> receives the validated options.</summary>
    public static RootCommand Create(Func<NodeOptions, CancellationToken, Task<int>> run) =>
        Create(run, Environment.GetEnvironmentVariable);

    /// <summary>Builds the root command reading <paramref name="environment"/> for <c>MESH_*</c> variables (tests pass their own).</summary>
    public static RootCommand Create(Func<NodeOptions, CancellationToken, Task<int>> run, Func<string, string?> environment)
    {
        var values = new List<(string Name, Option Option)>
        {
            (NodeSettingNames.DataDir, Text(NodeSettingNames.DataDir, "DIR", "Directory of the identity key, the mesh key and the database (default: $XDG_DATA_HOME/mesh or ~/.local/share/mesh).")),
            (NodeSettingNames.Listen, List(NodeSettingNames.Listen, "MULTIADDR", $"Address to listen on, repeatable (default: /ip4/0.0.0.0/tcp/{NodeOptions.DefaultPort} and /ip6/::/tcp/{NodeOptions.DefaultPort}).")),
            (NodeSettingNames.Peer, List(NodeSettingNames.Peer, "MULTIADDR", "A peer to connect to at start, repeatable: /ip4/ADDR/tcp/PORT/p2p/PEER_ID (for machines mDNS cannot see).")),
            (NodeSettingNames.MeshKey, Text(NodeSettingNames.MeshKey, "FILE", "The mesh key (a libp2p swarm.key); only holders of the same key can connect (default: DATA_DIR/swarm.key, made on first start).")),
            (NodeSettingNames.NoMdns, Flag(NodeSettingNames.NoMdns, "Do not discover or announce peers with mDNS.")),
            (NodeSettingNames.Name, Text(NodeSettingNames.Name, "NAME", "A short name for this machine (default: the host name up to its first dot).")),
            (NodeSettingNames.Capacity, Text(NodeSettingNames.Capacity, "SPEC", "Override what was detected, e.g. cpu=4,mem=8GiB,disk=1TB,gpu=0 (keys not given stay as detected).")),
            (NodeSettingNames.Reserve, Text(NodeSettingNames.Reserve, "SPEC", "What the owner keeps, e.g. cpu=1,mem=1GiB,disk=250GB (sizes in B, KB, MB, GB, TB, KiB, MiB, GiB, TiB).")),
            (NodeSettingNames.Share, Text(NodeSettingNames.Share, "SPEC", "Percent of capacity given to the mesh, e.g. cpu=75%,mem=50% (a resource goes in --reserve or --share, not both).")),
            (NodeSettingNames.Policy, Text(NodeSettingNames.Policy, "static|dynamic|predictive", "How the surplus is decided: the earmark alone (default), following the owner's usage, or forecasting it from its daily history.")),
            (NodeSettingNames.Headroom, Text(NodeSettingNames.Headroom, "SPEC", "Dynamic and predictive: kept on top of the owner's usage (default cpu=0.5,mem=512MiB).")),
            (NodeSettingNames.ProbeInterval, Text(NodeSettingNames.ProbeInterval, "DURATION", "How often the owner's usage is measured (default 2s).")),
            (NodeSettingNames.HoldTime, Text(NodeSettingNames.HoldTime, "DURATION", "Dynamic and predictive: a small change of the surplus waits this long before it is published (default 60s).")),
            (NodeSettingNames.RiseSmoothing, Text(NodeSettingNames.RiseSmoothing, "DURATION", "Dynamic and predictive: how fast a rise of the owner's usage takes surplus away (default 10s).")),
            (NodeSettingNames.FallSmoothing, Text(NodeSettingNames.FallSmoothing, "DURATION", "Dynamic and predictive: how slowly a fall of the owner's usage gives surplus back (default 2m).")),
            (NodeSettingNames.ForecastHorizon, Text(NodeSettingNames.ForecastHorizon, "DURATION", "Predictive: how far ahead the owner's usage is forecast (default 15m).")),
            (NodeSettingNames.Control, Text(NodeSettingNames.Control, "unix:PATH", "The control API socket (default: unix:DATA_DIR/control.sock).")),
            (NodeSettingNames.Config, Text(NodeSettingNames.Config, "FILE", "A JSON file of settings (default: DATA_DIR/mesh-node.json if it exists). Flags win over MESH_* variables, which win over the file.")),
            (NodeSettingNames.Allow, List(NodeSettingNames.Allow, "PEER_ID", "A peer allowed to run tasks on this machine, repeatable (default: every member of the mesh).")),
            (NodeSettingNames.GuestLimit, Text(NodeSettingNames.GuestLimit, "SPEC", "The most one task of another peer may take here, e.g. cpu=2,mem=4GiB (default: up to the surplus).")),
            (NodeSettingNames.Preempt, Text(NodeSettingNames.Preempt, "suspend|throttle|evict", "When the owner needs the machine back, what guest tasks that no longer fit get: suspended (default; evicted after --evict-after), throttled, or evicted at once (they run again elsewhere).")),
            (NodeSettingNames.EvictAfter, Text(NodeSettingNames.EvictAfter, "DURATION", "How long a guest task may stay suspended before it is evicted (default 30s).")),
            (NodeSettingNames.RerunBenchmark, Flag(NodeSettingNames.RerunBenchmark, "Measure the performance score again even if the cached one is valid.")),
        };

        var root = new RootCommand("mesh-node: the Mesh peer. Shares this machine's surplus with the machines of its mesh.");
        foreach (var (_, option) in values)
        {
            root.Options.Add(option);
        }

        root.SetAction(async (result, cancellationToken) =>
        {
            var flags = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            foreach (var (name, option) in values)
            {
                // Only flags actually given take part: an absent flag must not hide the environment or the config file.
                if (result.GetResult(option) is not { Implicit: false })
                {
                    continue;
                }

                flags[name] = option switch
                {
                    Option<string[]> list => result.GetValue(list) ?? [],
                    Option<bool> flag => [result.GetValue(flag) ? "true" : "false"],
                    Option<string> text => [result.GetValue(text) ?? ""],
                    _ => [],
                };
            }

            NodeOptions options;
            try
            {
                options = NodeOptionsBuilder.Build(flags, environment);
            }
            catch (OptionsException ex)
            {
                await Console.Error.WriteLineAsync($"mesh-node: {ex.Message}").ConfigureAwait(false);
                return NodeRunner.UsageError;
            }

            return await run(options, cancellationToken).ConfigureAwait(false);
        });
        return root;
    }

    private static Option<string> Text(string name, string helpName, string description) =>
        new(NodeSettingNames.Flag(name)) { Description = description, HelpName = helpName };

    private static Option<string[]> List(string name, string helpName, string description) =>
        new(NodeSettingNames.Flag(name)) { Description = description, HelpName = helpName, AllowMultipleArgumentsPerToken = false };

    private static Option<bool> Flag(string name, string description) =>
        new(NodeSettingNames.Flag(name)) { Description = description };
}
