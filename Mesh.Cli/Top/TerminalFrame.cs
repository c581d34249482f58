using System.Text;

namespace Mesh.Cli.Top;

/// <summary>Turns rendered lines into one write that repaints the screen in place (no scrolling, little flicker).</summary>
internal static class TerminalFrame
{
    /// <summary>Each line at its row, the rest of the row erased first; the whole frame as one string.</summary>
    public static string Compose(IReadOnlyList<string> lines)
    {
        var frame = new StringBuilder();
        for (var row = 0; row < lines.Count; row++)
        {
            frame.Append(Ansi.MoveTo(row + 1, 1)).Append(Ansi.ClearToEndOfLine).Append(lines[row]);
        }

        return frame.ToString();
    }
}
