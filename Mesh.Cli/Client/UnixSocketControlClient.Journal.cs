using System.Globalization;
using Mesh.Core.Control;

namespace Mesh.Cli.Client;

/// <summary>The journal endpoints of the control API (docs/control-api.md, "Journal").</summary>
public sealed partial class UnixSocketControlClient
{
    private const string JournalPath = "/v1/journal";

    /// <inheritdoc />
    public Task<JournalListView> ListJournalAsync(string? peer, long from, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(from);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var query = new List<string>(3);
        if (peer is not null)
        {
            query.Add("peer=" + Uri.EscapeDataString(peer));
        }

        query.Add("from=" + from.ToString(CultureInfo.InvariantCulture));
        query.Add("limit=" + limit.ToString(CultureInfo.InvariantCulture));
        var call = new ControlRequest<JournalListView>(HttpMethod.Get, JournalPath + "?" + string.Join('&', query), ControlJsonContext.Default.JournalListView, _options.JournalTimeout)
        {
            ErrorsForPeople = true,
        };
        return SendAsync(call, cancellationToken);
    }

    /// <inheritdoc />
    public Task<JournalVerifyView> VerifyJournalAsync(string? peer, CancellationToken cancellationToken = default)
    {
        var path = JournalPath + "/verify" + (peer is null ? "" : "?peer=" + Uri.EscapeDataString(peer));
        var call = new ControlRequest<JournalVerifyView>(HttpMethod.Get, path, ControlJsonContext.Default.JournalVerifyView, _options.JournalTimeout)
        {
            ErrorsForPeople = true,
        };
        return SendAsync(call, cancellationToken);
    }
}
