using System.CommandLine;
using Mesh.Cli.Client;

namespace Mesh.Cli.Commands;

/// <summary>Runs one command's conversation with the node and turns its failures into one line and an exit code.</summary>
internal static class ControlCall
{
    /// <summary>Connects with the <c>--node</c> value, runs <paramref name="body"/>, disposes the client.</summary>
    public static Task<int> RunAsync(
        ParseResult result,
        Option<string> nodeOption,
        CliContext context,
        Func<IControlClient, TextWriter, CancellationToken, Task> body,
        CancellationToken cancellationToken) =>
        RunAsync(
            result,
            nodeOption,
            context,
            async (client, output, _, token) =>
            {
                await body(client, output, token).ConfigureAwait(false);
                return ExitCodes.Ok;
            },
            cancellationToken);

    /// <summary>
    /// Connects with the <c>--node</c> value, runs <paramref name="body"/> (given the client, stdout and stderr) and
    /// returns its exit code; a Ctrl+C that ends it returns <see cref="ExitCodes.Interrupted"/>.
    /// </summary>
    public static async Task<int> RunAsync(
        ParseResult result,
        Option<string> nodeOption,
        CliContext context,
        Func<IControlClient, TextWriter, TextWriter, CancellationToken, Task<int>> body,
        CancellationToken cancellationToken)
    {
        var output = result.InvocationConfiguration.Output;
        var error = result.InvocationConfiguration.Error;
        try
        {
            using var client = context.Connect(result.GetValue(nodeOption));
            var exitCode = await body(client, output, error, cancellationToken).ConfigureAwait(false);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            return exitCode;
        }
        catch (NodeAddressException ex)
        {
            await error.WriteLineAsync($"mesh: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (ControlClientException ex)
        {
            await error.WriteLineAsync($"mesh: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.NodeError;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }
    }
}
