using System.CommandLine;
using System.Text.Json;
using Mesh.Cli.Output;
using Mesh.Core.Control;

namespace Mesh.Cli.Commands;

/// <summary><c>mesh node [--json]</c>: what this node is and what it shares.</summary>
public static class NodeCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(Option<string> nodeOption, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var json = new Option<bool>("--json") { Description = "Print the node as JSON (the control API's /v1/node)." };
        var command = new Command("node", "Show this node: id, name, addresses, capacity, reservation, surplus, score, isolation.") { json };
        command.SetAction((result, cancellationToken) => ControlCall.RunAsync(
            result,
            nodeOption,
            context,
            async (client, output, token) =>
            {
                var node = await client.GetNodeAsync(token).ConfigureAwait(false);
                if (result.GetValue(json))
                {
                    await output.WriteLineAsync(JsonSerializer.Serialize(node, ControlJsonContext.Default.NodeView)).ConfigureAwait(false);
                }
                else
                {
                    NodeReport.Write(output, node, context.Time.GetUtcNow());
                }
            },
            cancellationToken));
        return command;
    }
}
