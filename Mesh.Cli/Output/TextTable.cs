using System.Text;

namespace Mesh.Cli.Output;

/// <summary>A plain-text table with fixed column widths, one space between columns, cells cut to fit.</summary>
/// <param name="columns">The columns: header, width, and whether values are right-aligned.</param>
public sealed class TextTable(IReadOnlyList<TextColumn> columns)
{
    /// <summary>The width of a full line: the columns plus one space between each pair.</summary>
    public int Width { get; } = columns.Sum(c => c.Width) + Math.Max(0, columns.Count - 1);

    /// <summary>The offset where column <paramref name="index"/> starts.</summary>
    public int Offset(int index) => columns.Take(index).Sum(c => c.Width + 1);

    /// <summary>The header line.</summary>
    public string Header() => Row(columns.Select(c => c.Header).ToArray());

    /// <summary>One line of cells, in column order; a cell too long is cut and ends in <c>~</c>.</summary>
    public string Row(params string[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var line = new StringBuilder(Width);
        for (var i = 0; i < columns.Count; i++)
        {
            var column = columns[i];
            var cell = i < cells.Length ? Fit(cells[i], column.Width) : "";
            if (i > 0)
            {
                line.Append(' ');
            }

            line.Append(column.RightAligned ? cell.PadLeft(column.Width) : cell.PadRight(column.Width));
        }

        return line.ToString().TrimEnd();
    }

    private static string Fit(string text, int width) => text.Length <= width ? text : string.Concat(text.AsSpan(0, width - 1), "~");
}
