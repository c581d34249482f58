namespace Mesh.Tests.Cli.Top;

/// <summary>Key presses as <see cref="Console.ReadKey(bool)"/> reports them.</summary>
internal static class TopKeys
{
    public static ConsoleKeyInfo Up => Key(ConsoleKey.UpArrow);

    public static ConsoleKeyInfo Down => Key(ConsoleKey.DownArrow);

    public static ConsoleKeyInfo PageUp => Key(ConsoleKey.PageUp);

    public static ConsoleKeyInfo PageDown => Key(ConsoleKey.PageDown);

    public static ConsoleKeyInfo Home => Key(ConsoleKey.Home);

    public static ConsoleKeyInfo End => Key(ConsoleKey.End);

    public static ConsoleKeyInfo Enter => new('\r', ConsoleKey.Enter, false, false, false);

    public static ConsoleKeyInfo Escape => new('\u001b', ConsoleKey.Escape, false, false, false);

    public static ConsoleKeyInfo Tab => new('\t', ConsoleKey.Tab, false, false, false);

    public static ConsoleKeyInfo ShiftTab => new('\t', ConsoleKey.Tab, shift: true, false, false);

    public static ConsoleKeyInfo CtrlC => new('\u0003', ConsoleKey.C, false, false, control: true);

    public static ConsoleKeyInfo Char(char c) =>
        new(c, char.IsAsciiLetter(c) ? Enum.Parse<ConsoleKey>(char.ToUpperInvariant(c).ToString()) : default, char.IsAsciiLetterUpper(c), false, false);

    private static ConsoleKeyInfo Key(ConsoleKey key) => new('\0', key, false, false, false);
}
