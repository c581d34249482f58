using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Mesh.Bench;

/// <summary>Runs interop/js/bench-transport.mjs (Node's raw TCP and js-libp2p, one process) and reads its JSON.</summary>
public static class JsBench
{
    /// <summary>Returns the js raw-TCP row and the js-libp2p row (whose ratios refer to the js raw-TCP row).</summary>
    public static async Task<(TransportResult RawTcp, TransportResult JsLibp2p, string NodeVersion)> RunAsync(string repositoryRoot, TransportBenchSettings settings)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Path.Combine(repositoryRoot, "interop", "js"),
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("bench-transport.mjs");
        foreach (var argument in settings.ToArguments())
        {
            start.ArgumentList.Add(argument);
        }

        using var node = Process.Start(start)!;
        var output = await node.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
        await node.WaitForExitAsync().ConfigureAwait(false);
        if (node.ExitCode != 0)
        {
            throw new InvalidOperationException($"bench-transport.mjs exited with {node.ExitCode}");
        }

        var json = JsonNode.Parse(output)!;
        var raw = Row("raw TCP (Node.js)", json["rawTcp"]!, null);
        return (raw, Row("js-libp2p 3.3", json["jsLibp2p"]!, raw), json["node"]!.GetValue<string>());
    }

    private static TransportResult Row(string name, JsonNode row, TransportResult? baseline) => new(
        name,
        row["setupMs"]!["median"]!.GetValue<double>(),
        row["setupMs"]!["p95"]!.GetValue<double>(),
        row["throughputMiBs"]!.GetValue<double>(),
        baseline);
}
