using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.Json;
using Mesh.Cli.Client;
using Mesh.Cli.Output;
using Mesh.Core.Control;

namespace Mesh.Cli.Commands;

/// <summary>
/// <c>mesh journal [--peer PEER] [--json] [--from N] [--limit N]</c>: a page of a compute journal (this node's, or
/// another peer's fetched and checked by the node); <c>mesh journal verify [--peer PEER] [--json]</c>: checks one whole
/// journal and exits 1 when an entry is bad.
/// </summary>
public static class JournalCommand
{
    /// <summary>The most entries one page may hold (the node's own limit).</summary>
    public const int MaxLimit = 1024;

    /// <summary>The exit code of <c>mesh journal verify</c> when it finds a bad entry.</summary>
    public const int BadJournal = ExitCodes.NodeError;

    /// <summary>Builds the command and its <c>verify</c> subcommand.</summary>
    public static Command Create(Option<string> nodeOption, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var peer = PeerOption();
        var json = new Option<bool>("--json") { Description = "Print the GET /v1/journal answer (one line of JSON)." };
        var from = new Option<long>("--from")
        {
            Description = "The first height to show (default 1).",
            HelpName = "N",
            DefaultValueFactory = _ => 1,
            CustomParser = argument => Whole(argument, "--from", 1, long.MaxValue, "a height of at least 1"),
        };
        var limit = new Option<int>("--limit")
        {
            Description = $"The most entries to show (1 to {MaxLimit}, default 100).",
            HelpName = "N",
            DefaultValueFactory = _ => 100,
            CustomParser = argument => (int)Whole(argument, "--limit", 1, MaxLimit, $"a whole number from 1 to {MaxLimit}"),
        };

        var command = new Command("journal", "Show a compute journal: what ran for whom, with how much, and how it ended (this node's unless --peer).")
        {
            peer, json, from, limit,
        };
        command.Subcommands.Add(CreateVerify(nodeOption, context));
        command.SetAction((result, cancellationToken) => ControlCall.RunAsync(
            result,
            nodeOption,
            context,
            async (client, output, token) =>
            {
                var page = await client.ListJournalAsync(result.GetValue(peer), result.GetValue(from), result.GetValue(limit), token).ConfigureAwait(false);
                if (result.GetValue(json))
                {
                    await output.WriteLineAsync(JsonSerializer.Serialize(page, ControlJsonContext.Default.JournalListView)).ConfigureAwait(false);
                    return;
                }

                var names = await NamesAsync(client, page, token).ConfigureAwait(false);
                JournalTable.Write(output, page, names, context.Time.GetUtcNow());
            },
            cancellationToken));
        return command;
    }

    /// <summary>The line <c>mesh journal verify</c> prints for <paramref name="view"/>.</summary>
    public static string VerdictLine(JournalVerifyView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (view.FirstBad is not { } bad)
        {
            return $"journal of {view.Name}: {view.Entries.ToString(CultureInfo.InvariantCulture)} {(view.Entries == 1 ? "entry" : "entries")} verified, head {view.Head}";
        }

        return $"journal of {view.Name}: entry {bad.Position.ToString(CultureInfo.InvariantCulture)} is bad ({bad.Kind}): {bad.Detail}";
    }

    private static Command CreateVerify(Option<string> nodeOption, CliContext context)
    {
        var peer = PeerOption();
        var json = new Option<bool>("--json") { Description = "Print the GET /v1/journal/verify answer (one line of JSON)." };
        var command = new Command("verify", "Check a whole journal: every link and both signatures of every entry; exits 1 when an entry is bad.")
        {
            peer, json,
        };
        command.SetAction((result, cancellationToken) => ControlCall.RunAsync(
            result,
            nodeOption,
            context,
            async (client, output, _, token) =>
            {
                var verdict = await client.VerifyJournalAsync(result.GetValue(peer), token).ConfigureAwait(false);
                await output.WriteLineAsync(result.GetValue(json)
                    ? JsonSerializer.Serialize(verdict, ControlJsonContext.Default.JournalVerifyView)
                    : VerdictLine(verdict)).ConfigureAwait(false);
                return verdict.Ok && verdict.FirstBad is null ? ExitCodes.Ok : BadJournal;
            },
            cancellationToken));
        return command;
    }

    // A whole number within bounds, or an error naming the option (System.CommandLine turns it into exit 2).
    private static long Whole(ArgumentResult argument, string name, long min, long max, string what)
    {
        var text = argument.Tokens.Count > 0 ? argument.Tokens[^1].Value : "";
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        argument.AddError($"{name}: '{text}' must be {what}");
        return min;
    }

    private static Option<string> PeerOption() => new("--peer")
    {
        Description = "Another peer's journal, by id or name (fetched from it and checked by the node).",
        HelpName = "PEER",
    };

    // Names make the table readable; without the peer table (an older node, a hiccup) ids still identify everyone.
    private static async Task<Dictionary<string, string>> NamesAsync(IControlClient client, JournalListView page, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            var peers = await client.GetPeersAsync(cancellationToken).ConfigureAwait(false);
            foreach (var row in peers.Peers)
            {
                names[row.Id] = row.Name;
            }
        }
        catch (ControlClientException)
        {
            // Fall back to short ids below.
        }

        names.TryAdd(page.Peer, page.Name);
        return names;
    }
}
