using System.CommandLine;
using System.CommandLine.Parsing;

namespace Mesh.Cli.Commands;

/// <summary>The rule that a task's command comes after <c>--</c>, so that none of its arguments is taken for a <c>mesh</c> option.</summary>
internal static class TaskCommandLine
{
    /// <summary>The usage error when the command is not after <c>--</c>.</summary>
    public const string MissingDoubleDash = "put the command after --, for example: mesh run --cpu 2 -- make -j2";

    /// <summary>True when every token of <paramref name="command"/> came after a <c>--</c>.</summary>
    public static bool AfterDoubleDash(ParseResult result, Argument<string[]> command)
    {
        ArgumentNullException.ThrowIfNull(result);
        var argv = result.GetValue(command) ?? [];
        var tokens = result.Tokens;
        var doubleDash = -1;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Type == TokenType.DoubleDash)
            {
                doubleDash = i;
                break;
            }
        }

        return doubleDash >= 0 && tokens.Count - doubleDash - 1 == argv.Length;
    }

    /// <summary>Writes a usage error the way <see cref="CliRunner"/> writes parse errors, and returns its exit code.</summary>
    public static async Task<int> UsageErrorAsync(TextWriter error, string message)
    {
        ArgumentNullException.ThrowIfNull(error);
        await error.WriteLineAsync($"mesh: {message}").ConfigureAwait(false);
        await error.WriteLineAsync("mesh: see `mesh --help`").ConfigureAwait(false);
        return ExitCodes.Usage;
    }

    /// <summary>The <c>TASK...</c> argument of wait and cancel.</summary>
    public static Argument<string[]> TaskIds(string description) => new("task")
    {
        Description = description,
        HelpName = "TASK",
        Arity = ArgumentArity.OneOrMore,
    };

    /// <summary>
    /// Runs <paramref name="perTask"/> for each id in turn. A node error or an unknown id is one line on
    /// <paramref name="error"/> and the others go on; the exit code is <see cref="ExitCodes.NodeError"/> if any failed
    /// or <paramref name="perTask"/> returned false for any.
    /// </summary>
    public static async Task<int> ForEachTaskAsync(IEnumerable<string> ids, TextWriter error, Func<string, Task<bool>> perTask)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(perTask);
        var exitCode = ExitCodes.Ok;
        foreach (var id in ids)
        {
            try
            {
                if (!await perTask(id).ConfigureAwait(false))
                {
                    exitCode = ExitCodes.NodeError;
                }
            }
            catch (Client.ControlClientException ex)
            {
                await error.WriteLineAsync($"mesh: {ex.Message}").ConfigureAwait(false);
                exitCode = ExitCodes.NodeError;
            }
        }

        return exitCode;
    }
}
