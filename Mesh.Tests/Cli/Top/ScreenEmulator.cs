using System.Text;

namespace Mesh.Tests.Cli.Top;

/// <summary>
/// Just enough of a terminal to read back what <c>mesh top</c> wrote: cursor moves (CUP), erase in line and
/// display, the alternate screen and cursor visibility modes; colors are skipped. Unknown sequences fail the test.
/// </summary>
internal sealed class ScreenEmulator
{
    private readonly char[][] _cells;
    private int _row;
    private int _column;

    public ScreenEmulator(int width, int height)
    {
        Width = width;
        Height = height;
        _cells = [.. Enumerable.Range(0, height).Select(_ => Enumerable.Repeat(' ', width).ToArray())];
    }

    public int Width { get; }

    public int Height { get; }

    public bool AlternateScreen { get; private set; }

    public bool CursorVisible { get; private set; } = true;

    /// <summary>Every escape sequence that set a graphic rendition (color, bold, reverse), counted.</summary>
    public int SgrCount { get; private set; }

    public IReadOnlyList<string> Lines => [.. _cells.Select(c => new string(c).TrimEnd())];

    public string Text => string.Join('\n', Lines);

    public void Feed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\u001b')
            {
                Put(text[i]);
                continue;
            }

            Assert.That(i + 1 < text.Length && text[i + 1] == '[', Is.True, "only CSI sequences are expected");
            var end = i + 2;
            while (end < text.Length && !char.IsAsciiLetter(text[end]))
            {
                end++;
            }

            Apply(text[(i + 2)..end], text[end]);
            i = end;
        }
    }

    private void Apply(string parameters, char final)
    {
        switch (final, parameters)
        {
            case ('h', "?1049"):
                AlternateScreen = true;
                Clear();
                break;
            case ('l', "?1049"):
                AlternateScreen = false;
                break;
            case ('h', "?25"):
                CursorVisible = true;
                break;
            case ('l', "?25"):
                CursorVisible = false;
                break;
            case ('J', "2"):
                Clear();
                break;
            case ('K', ""):
                Array.Fill(_cells[_row], ' ', _column, Width - _column);
                break;
            case ('H', _):
                var parts = parameters.Split(';');
                _row = Math.Clamp(int.Parse(parts[0]) - 1, 0, Height - 1);
                _column = Math.Clamp(int.Parse(parts[1]) - 1, 0, Width - 1);
                break;
            case ('m', _):
                SgrCount++;
                break;
            default:
                Assert.Fail($"unexpected sequence ESC[{parameters}{final}");
                break;
        }
    }

    private void Put(char c)
    {
        Assert.That(_column, Is.LessThan(Width), $"text past the right edge on row {_row + 1}: the line would wrap");
        _cells[_row][_column++] = c;
        if (_column == Width)
        {
            // Pending wrap: the next character would go past the edge (and fail above).
            _column = Width;
        }
    }

    private void Clear()
    {
        foreach (var row in _cells)
        {
            Array.Fill(row, ' ');
        }
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var line in Lines)
        {
            text.AppendLine(line);
        }

        return text.ToString();
    }
}
