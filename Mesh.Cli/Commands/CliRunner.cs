using System.CommandLine;

namespace Mesh.Cli.Commands;

/// <summary>Parses and runs a command line with the exit codes of <see cref="ExitCodes"/>.</summary>
public static class CliRunner
{
    /// <summary>Runs <paramref name="args"/> against <paramref name="root"/>; usage errors print to <paramref name="error"/> and return <see cref="ExitCodes.Usage"/>.</summary>
    public static async Task<int> RunAsync(RootCommand root, string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(error);
        var result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            // System.CommandLine answers parse errors with 1; mesh keeps 1 for "the node failed" and uses 2 here.
            foreach (var parseError in result.Errors)
            {
                await error.WriteLineAsync($"mesh: {parseError.Message}").ConfigureAwait(false);
            }

            await error.WriteLineAsync("mesh: see `mesh --help`").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        // No signal handling by System.CommandLine: on Ctrl+C it would return 130 at once, before an action (mesh run
        // cancelling its task, mesh top restoring the terminal) had finished. Those commands handle signals themselves.
        var configuration = new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null };
        return await result.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }
}
