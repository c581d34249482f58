using System.CommandLine;
using System.CommandLine.Parsing;
using Mesh.Libp2p.Addressing;

namespace Mesh.Node;

/// <summary>The <c>mesh-node</c> command line (flags of shared/DESIGN.md that the node understands so far).</summary>
public static class NodeCommand
{
    /// <summary>Builds the root command; <paramref name="run"/> receives the validated options.</summary>
    public static RootCommand Create(Func<NodeOptions, CancellationToken, Task<int>> run)
    {
        var dataDir = new Option<string>("--data-dir")
        {
            Description = "Directory of the identity key, the mesh key and the database (default: $XDG_DATA_HOME/mesh or ~/.local/share/mesh).",
            HelpName = "DIR",
        };
        var listen = new Option<Multiaddr[]>("--listen")
        {
            Description = $"Address to listen on, repeatable (default: /ip4/0.0.0.0/tcp/{NodeOptions.DefaultPort} and /ip6/::/tcp/{NodeOptions.DefaultPort}).",
            HelpName = "MULTIADDR",
            CustomParser = ParseMultiaddrs,
            AllowMultipleArgumentsPerToken = false,
        };
        var peer = new Option<Multiaddr[]>("--peer")
        {
            Description = "A peer to connect to at start, repeatable: /ip4/ADDR/tcp/PORT/p2p/PEER_ID (for machines mDNS cannot see).",
            HelpName = "MULTIADDR",
            CustomParser = ParseMultiaddrs,
            AllowMultipleArgumentsPerToken = false,
        };
        var meshKey = new Option<string>("--mesh-key")
        {
            Description = "The mesh key (a libp2p swarm.key); only holders of the same key can connect (default: DATA_DIR/swarm.key, made on first start).",
            HelpName = "FILE",
        };
        var noMdns = new Option<bool>("--no-mdns") { Description = "Do not discover or announce peers with mDNS." };

        var root = new RootCommand("mesh-node: the Mesh peer. Shares this machine's surplus with the machines of its mesh.")
        {
            dataDir, listen, peer, meshKey, noMdns,
        };
        root.SetAction(async (result, cancellationToken) =>
        {
            var options = new NodeOptions { MeshKeyFile = result.GetValue(meshKey), NoMdns = result.GetValue(noMdns) };
            if (result.GetValue(dataDir) is { } dir)
            {
                options.DataDir = Path.GetFullPath(dir);
            }

            foreach (var address in result.GetValue(listen) ?? [])
            {
                options.Listen.Add(address);
            }

            foreach (var address in result.GetValue(peer) ?? [])
            {
                options.Peers.Add(address);
            }

            return await run(options, cancellationToken).ConfigureAwait(false);
        });
        return root;
    }

    private static Multiaddr[] ParseMultiaddrs(ArgumentResult result)
    {
        var parsed = new List<Multiaddr>();
        foreach (var token in result.Tokens)
        {
            if (Multiaddr.TryParse(token.Value, out var address))
            {
                parsed.Add(address!);
            }
            else
            {
                result.AddError($"{result.Parent?.ToString() ?? "address"}: '{token.Value}' is not a multiaddr (for example /ip4/127.0.0.1/tcp/4001).");
            }
        }

        return [.. parsed];
    }
}
