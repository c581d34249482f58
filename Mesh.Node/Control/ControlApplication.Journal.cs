using System.Globalization;
using Mesh.Core.Control;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace Mesh.Node.Control;

/// <content>The journal routes (docs/control-api.md, "Journal").</content>
internal sealed partial class ControlApplication
{
    /// <summary>The most entries one <c>GET /v1/journal</c> returns.</summary>
    public const int MaxJournalLimit = 1024;

    /// <summary>The entries <c>GET /v1/journal</c> returns when no limit is given.</summary>
    public const int DefaultJournalLimit = 100;

    private async Task ProcessJournalRequestAsync(IFeatureCollection context, ControlRoute route, CancellationToken aborted)
    {
        if (journal is null)
        {
            await WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, "this node keeps no journal", aborted).ConfigureAwait(false);
            return;
        }

        var query = QueryHelpers.ParseQuery(context.GetRequiredFeature<IHttpRequestFeature>().QueryString);

        // Fetching another peer's journal ends when the client goes away or the server stops.
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(aborted, stopping);
        try
        {
            var peer = PeerQuery(query);
            if (route == ControlRoute.Journal)
            {
                var list = await journal.ListJournalAsync(peer, FromQuery(query), JournalLimit(query), linked.Token).ConfigureAwait(false);
                await WriteAsync(context, StatusCodes.Status200OK, list, ControlJsonContext.Default.JournalListView, aborted).ConfigureAwait(false);
            }
            else
            {
                var verification = await journal.VerifyJournalAsync(peer, linked.Token).ConfigureAwait(false);
                await WriteAsync(context, StatusCodes.Status200OK, verification, ControlJsonContext.Default.JournalVerifyView, aborted).ConfigureAwait(false);
            }
        }
        catch (JournalRequestException ex)
        {
            await WriteErrorAsync(context, StatusOf(ex.Error), OneLine(ex.Message), aborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested && !aborted.IsCancellationRequested)
        {
            await WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, "the node is stopping", aborted).ConfigureAwait(false);
        }
    }

    private static int StatusOf(JournalRequestError error) => error switch
    {
        JournalRequestError.UnknownPeer => StatusCodes.Status404NotFound,
        JournalRequestError.Unreachable => StatusCodes.Status502BadGateway,
        JournalRequestError.NoJournal => StatusCodes.Status503ServiceUnavailable,
        JournalRequestError.TooLarge => StatusCodes.Status413PayloadTooLarge,
        _ => StatusCodes.Status400BadRequest,
    };

    private static string? PeerQuery(Dictionary<string, StringValues> query) =>
        Text(query, "peer") switch
        {
            null => null,
            { Length: 0 } => throw new JournalRequestException("peer must be a peer id or name, not empty (leave it out for this node)"),
            var peer => peer,
        };

    private static long FromQuery(Dictionary<string, StringValues> query)
    {
        if (Text(query, "from") is not { } text)
        {
            return 1;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var from) && from >= 1
            ? from
            : throw new JournalRequestException($"from '{text}' must be a height (a whole number of at least 1)");
    }

    private static int JournalLimit(Dictionary<string, StringValues> query)
    {
        if (Text(query, "limit") is not { } text)
        {
            return DefaultJournalLimit;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= MaxJournalLimit
            ? limit
            : throw new JournalRequestException($"limit '{text}' must be a whole number from 1 to {MaxJournalLimit}");
    }
}
