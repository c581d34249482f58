using Mesh.Core.Control;

namespace Mesh.Cli.Top;

/// <content>The peer table: a heading row and one row per peer, scrolled to keep the selection in view.</content>
public static partial class TopRenderer
{
    /// <summary>Marks the selected row (also without color).</summary>
    internal const char SelectionMarker = '>';

    /// <summary>Marks this node's own row.</summary>
    internal const char SelfMarker = '*';

    /// <summary>Follows the heading of the sort column.</summary>
    internal const char SortMarker = '*';

    private static void AddTable(List<string> lines, TopModel model, TopColumnSet set, int width, int rows, bool color)
    {
        var nameWidth = set.NameWidth(width);
        var heading = new LineBuilder(width, color).WithLineStyle(TextStyle.Inverse).Pad(TopColumnSet.MarkerWidth);
        for (var i = 0; i < set.Columns.Count; i++)
        {
            var column = set.Columns[i];
            var label = column.SortKey == model.State.Sort ? column.Header + SortMarker : column.Header;
            AppendCell(heading, label, i == 0 ? nameWidth : column.Width, column.AlignRight, first: i == 0);
        }

        lines.Add(heading.Fill().ToString());

        var state = model.State;
        if (state.Rows.Count == 0)
        {
            var message = model.View is null ? "" : "no peers in the table";
            lines.Add(new LineBuilder(width, color).Pad(TopColumnSet.MarkerWidth).Append(message, TextStyle.Dim).ToString());
            return;
        }

        var first = model.Snapshot ? 0 : state.ScrollTop;
        var selected = model.Snapshot ? -1 : state.SelectedIndex;
        for (var index = first; index < Math.Min(state.Rows.Count, first + rows); index++)
        {
            lines.Add(Row(state.Rows[index], set, nameWidth, model.Now, width, index == selected, color));
        }
    }

    private static string Row(PeerView peer, TopColumnSet set, int nameWidth, DateTimeOffset now, int width, bool selected, bool color)
    {
        var line = new LineBuilder(width, color);
        if (selected)
        {
            line.WithLineStyle(TextStyle.Inverse);
        }
        else if (peer.IsSelf)
        {
            line.WithLineStyle(TextStyle.Bold);
        }

        line.Append(selected ? SelectionMarker.ToString() : " ").Append(peer.IsSelf ? SelfMarker.ToString() : " ");
        for (var i = 0; i < set.Columns.Count; i++)
        {
            var column = set.Columns[i];
            AppendCell(line, column.Cell(peer, now), i == 0 ? nameWidth : column.Width, column.AlignRight, first: i == 0);
        }

        return (selected ? line.Fill() : line).ToString();
    }

    private static void AppendCell(LineBuilder line, string text, int width, bool alignRight, bool first)
    {
        if (!first)
        {
            line.Append(" ");
        }

        if (text.Length > width)
        {
            text = text[..width];
        }

        line.Append(alignRight ? text.PadLeft(width) : text.PadRight(width));
    }
}
