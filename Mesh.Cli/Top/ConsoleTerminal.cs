namespace Mesh.Cli.Top;

/// <summary><see cref="ITerminal"/> over <see cref="Console"/>: the process's own terminal.</summary>
public sealed class ConsoleTerminal : ITerminal
{
    private static readonly TimeSpan KeyPoll = TimeSpan.FromMilliseconds(15);
    private bool _controlCWasInput;

    /// <inheritdoc/>
    public int Width => Size(() => Console.WindowWidth, 80);

    /// <inheritdoc/>
    public int Height => Size(() => Console.WindowHeight, 24);

    /// <inheritdoc/>
    public void BeginInput()
    {
        _controlCWasInput = Console.TreatControlCAsInput;
        Console.TreatControlCAsInput = true;
    }

    /// <inheritdoc/>
    public void EndInput() => Console.TreatControlCAsInput = _controlCWasInput;

    /// <inheritdoc/>
    public void Write(string text)
    {
        try
        {
            Console.Out.Write(text);
            Console.Out.Flush();
        }
        catch (IOException)
        {
            // The terminal is gone (the SSH session dropped): there is nobody left to draw for or restore.
        }
    }

    /// <inheritdoc/>
    public async ValueTask<ConsoleKeyInfo?> ReadKeyAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        // Console has no read-with-timeout; polling KeyAvailable keeps the loop free to refresh and to see resizes.
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (Console.KeyAvailable)
            {
                return Console.ReadKey(intercept: true);
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                return null;
            }

            await Task.Delay(left < KeyPoll ? left : KeyPoll, cancellationToken).ConfigureAwait(false);
        }
    }

    private static int Size(Func<int> read, int fallback)
    {
        try
        {
            var value = read();
            return value > 0 ? value : fallback;
        }
        catch (IOException)
        {
            return fallback;
        }
    }
}
