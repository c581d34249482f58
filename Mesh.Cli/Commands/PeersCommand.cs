using System.CommandLine;
using System.Text.Json;
using Mesh.Cli.Output;
using Mesh.Core.Control;

namespace Mesh.Cli.Commands;

/// <summary><c>mesh peers [--json]</c>: the peer table and the virtual layer's totals.</summary>
public static class PeersCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(Option<string> nodeOption, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var json = new Option<bool>("--json") { Description = "Print the table as JSON (the contract of shared/DESIGN.md)." };
        var command = new Command("peers", "Show every peer in the mesh (this node included) and the layer's totals.") { json };
        command.SetAction((result, cancellationToken) => ControlCall.RunAsync(
            result,
            nodeOption,
            context,
            async (client, output, token) =>
            {
                var peers = await client.GetPeersAsync(token).ConfigureAwait(false);
                if (result.GetValue(json))
                {
                    await output.WriteLineAsync(JsonSerializer.Serialize(peers, ControlJsonContext.Default.PeersView)).ConfigureAwait(false);
                }
                else
                {
                    PeersTable.Write(output, peers, context.Time.GetUtcNow());
                }
            },
            cancellationToken));
        return command;
    }
}
