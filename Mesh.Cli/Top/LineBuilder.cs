using System.Text;

namespace Mesh.Cli.Top;

/// <summary>
/// Builds one screen line from styled pieces, cutting it at the screen width so that no line ever wraps, and
/// writing color sequences only when color is on (NO_COLOR: none at all).
/// </summary>
internal sealed class LineBuilder
{
    private readonly StringBuilder _text = new();
    private readonly int _width;
    private readonly bool _color;
    private TextStyle _lineStyle;

    public LineBuilder(int width, bool color)
    {
        _width = Math.Max(0, width);
        _color = color;
    }

    /// <summary>The number of columns written so far.</summary>
    public int Length { get; private set; }

    /// <summary>Columns left on the line.</summary>
    public int Remaining => _width - Length;

    /// <summary>A style under every piece of the line (a selected row), written before the line and kept across pieces.</summary>
    public LineBuilder WithLineStyle(TextStyle style)
    {
        _lineStyle = style;
        if (_color && style != TextStyle.Plain)
        {
            _text.Append(Ansi.Start(style));
        }

        return this;
    }

    /// <summary>Appends text, cut at the screen width, every control character shown as '?'.</summary>
    public LineBuilder Append(string text, TextStyle style = TextStyle.Plain)
    {
        var take = Math.Min(text.Length, Remaining);
        if (take <= 0)
        {
            return this;
        }

        var styled = _color && style != TextStyle.Plain;
        if (styled)
        {
            _text.Append(Ansi.Start(style));
        }

        // Names, addresses and messages come from other machines: a control character in them must not reach
        // the terminal, where it could move the cursor, retitle the window or worse.
        foreach (var c in text.AsSpan(0, take))
        {
            _text.Append(char.IsControl(c) ? '?' : c);
        }

        Length += take;
        if (styled)
        {
            _text.Append(Ansi.Reset).Append(Ansi.Start(_lineStyle));
        }

        return this;
    }

    /// <summary>Appends <paramref name="count"/> spaces (cut at the width).</summary>
    public LineBuilder Pad(int count) => count > 0 ? Append(new string(' ', count)) : this;

    /// <summary>Pads with spaces to the full width (so a line style such as reverse video spans the screen).</summary>
    public LineBuilder Fill() => Pad(Remaining);

    /// <summary>The line, with a reset at the end when any style was used.</summary>
    public override string ToString()
    {
        if (_color && _lineStyle != TextStyle.Plain)
        {
            return _text.ToString() + Ansi.Reset;
        }

        return _text.ToString();
    }
}
