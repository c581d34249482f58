namespace Mesh.Cli.Top;

/// <summary>The terminal <c>mesh top</c> draws on and reads keys from; <see cref="ConsoleTerminal"/> is the real one.</summary>
public interface ITerminal
{
    /// <summary>Columns now (polled every loop turn, so a resize is noticed).</summary>
    int Width { get; }

    /// <summary>Rows now.</summary>
    int Height { get; }

    /// <summary>Takes keys as input: Ctrl+C arrives as a key instead of a signal, keys are not echoed.</summary>
    void BeginInput();

    /// <summary>Gives the keyboard back as it was.</summary>
    void EndInput();

    /// <summary>Writes text (with control sequences) and flushes it.</summary>
    void Write(string text);

    /// <summary>The next key press, or null when none came within <paramref name="timeout"/>.</summary>
    ValueTask<ConsoleKeyInfo?> ReadKeyAsync(TimeSpan timeout, CancellationToken cancellationToken = default);
}
