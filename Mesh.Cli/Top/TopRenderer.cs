using System.Globalization;

namespace Mesh.Cli.Top;

/// <summary>
/// Draws one frame of <c>mesh top</c> as text lines, a pure function of the model and the terminal size: the
/// virtual-layer totals as bars (FIG 7), a header line, the peer table (or the detail pane of the selected peer)
/// and a footer of keys. No line is longer than the width (color sequences do not count: they take no columns).
/// </summary>
public static partial class TopRenderer
{
    /// <summary>The smallest terminal width the full layout is drawn for.</summary>
    public const int MinWidth = 40;

    /// <summary>The smallest terminal height the full layout is drawn for.</summary>
    public const int MinHeight = 10;

    /// <summary>Lines above the table: four bars and the header line.</summary>
    private const int TopLines = 5;

    /// <summary>
    /// Renders a frame. Interactive frames are exactly <paramref name="height"/> lines; a
    /// <see cref="TopModel.Snapshot"/> frame ignores the height, lists every peer and has no key footer.
    /// </summary>
    /// <param name="model">What to show.</param>
    /// <param name="width">Terminal columns.</param>
    /// <param name="height">Terminal rows.</param>
    /// <param name="color">False when NO_COLOR is set or color is unwanted: then no escape sequence at all is written.</param>
    public static IReadOnlyList<string> Render(TopModel model, int width, int height, bool color)
    {
        var lines = new List<string>();
        if (!model.Snapshot && (width < MinWidth || height < MinHeight))
        {
            lines.Add(new LineBuilder(width, color).Append($"mesh top needs {MinWidth}x{MinHeight}; this is {width}x{height}").ToString());
            return PadTo(lines, height);
        }

        AddTotals(lines, model, width, color);
        lines.Add(HeaderLine(model, width, color));
        var set = TopColumnSet.For(width);
        if (model.State.DetailOpen && model.State.Selected is { } peer && !model.Snapshot)
        {
            AddDetail(lines, model, peer, width, height - TopLines - 1, color);
        }
        else
        {
            var rows = model.Snapshot ? model.State.Rows.Count : TableRows(height);
            AddTable(lines, model, set, width, rows, color);
        }

        if (model.Snapshot)
        {
            return lines;
        }

        PadTo(lines, height - 1);
        lines.Add(Footer(model, set, width, color));
        return lines;
    }

    /// <summary>How many peer rows fit at <paramref name="height"/>: the page size for PgUp and PgDn.</summary>
    public static int TableRows(int height) => Math.Max(1, height - TopLines - 2);

    private static string HeaderLine(TopModel model, int width, bool color)
    {
        var line = new LineBuilder(width, color);
        var updated = model.UpdatedAt is { } at ? at.ToString("HH:mm:ss", CultureInfo.InvariantCulture) : null;
        if (model.Error is { } error)
        {
            var since = updated is null ? "no answer yet" : $"showing {updated}";
            return line.Append($"! {error} ({since}; retrying every {Seconds(model.Interval)})", TextStyle.Red).ToString();
        }

        if (model.View is not { } view)
        {
            return line.Append($"connecting to {model.Endpoint}...", TextStyle.Dim).ToString();
        }

        var self = view.Peers.FirstOrDefault(p => p.Id == view.Self);
        var count = view.Peers.Count == 1 ? "1 peer" : $"{view.Peers.Count} peers";
        line.Append(count, TextStyle.Bold)
            .Append($"  self {self?.Name ?? PeerFormat.ShortId(view.Self)}")
            .Append($"  {updated}");
        if (!model.Snapshot)
        {
            line.Append($" every {Seconds(model.Interval)}");
        }

        var state = model.State;
        return line.Append($"  sort: {TopSortKeys.Label(state.Sort)}, {TopSortKeys.NaturalOrder(state.Sort, state.Reversed)}").ToString();
    }

    private static string Footer(TopModel model, TopColumnSet set, int width, bool color)
    {
        var line = new LineBuilder(width, color);
        if (model.State.DetailOpen && model.State.Selected is not null)
        {
            return line.Append("Esc", TextStyle.Cyan).Append(" back  ")
                .Append("j/k", TextStyle.Cyan).Append(" next/previous peer  ")
                .Append("q", TextStyle.Cyan).Append(" quit").ToString();
        }

        return line.Append("q", TextStyle.Cyan).Append(" quit  ")
            .Append("j/k", TextStyle.Cyan).Append(" move  ")
            .Append("s/S", TextStyle.Cyan).Append(" sort  ")
            .Append("r", TextStyle.Cyan).Append(" reverse  ")
            .Append("Enter", TextStyle.Cyan).Append(" detail  ")
            .Append(set.Legend, TextStyle.Dim).ToString();
    }

    private static string Seconds(TimeSpan interval) => interval.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";

    private static List<string> PadTo(List<string> lines, int height)
    {
        while (lines.Count < height)
        {
            lines.Add("");
        }

        return lines;
    }
}
