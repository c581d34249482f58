namespace Mesh.Cli.Top;

/// <summary>The few ECMA-48 / xterm control sequences <c>mesh top</c> uses; every terminal emulator in use knows them.</summary>
internal static class Ansi
{
    /// <summary>Switch to the alternate screen (xterm private mode 1049), so the shell's screen comes back on exit.</summary>
    public const string EnterAlternateScreen = "\u001b[?1049h";

    /// <summary>Back to the normal screen.</summary>
    public const string LeaveAlternateScreen = "\u001b[?1049l";

    /// <summary>Hide the cursor (DECTCEM off).</summary>
    public const string HideCursor = "\u001b[?25l";

    /// <summary>Show the cursor (DECTCEM on).</summary>
    public const string ShowCursor = "\u001b[?25h";

    /// <summary>Erase the whole screen.</summary>
    public const string ClearScreen = "\u001b[2J";

    /// <summary>Erase from the cursor to the end of the line.</summary>
    public const string ClearToEndOfLine = "\u001b[K";

    /// <summary>Reset every graphic rendition (SGR 0).</summary>
    public const string Reset = "\u001b[0m";

    /// <summary>Moves the cursor to a 1-based row and column (CUP).</summary>
    public static string MoveTo(int row, int column) => $"\u001b[{row};{column}H";

    /// <summary>The SGR sequence that starts <paramref name="style"/>; empty for plain text.</summary>
    public static string Start(TextStyle style) => style switch
    {
        TextStyle.Bold => "\u001b[1m",
        TextStyle.Inverse => "\u001b[7m",
        TextStyle.Dim => "\u001b[2m",
        TextStyle.Red => "\u001b[31m",
        TextStyle.Green => "\u001b[32m",
        TextStyle.Yellow => "\u001b[33m",
        TextStyle.Cyan => "\u001b[36m",
        _ => "",
    };
}
