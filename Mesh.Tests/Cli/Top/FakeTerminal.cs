using Mesh.Cli.Top;
using Microsoft.Extensions.Time.Testing;

namespace Mesh.Tests.Cli.Top;

/// <summary>
/// A scripted terminal: keys, waits (fake time moves on while the loop waits for a key) and actions (a resize)
/// play in order; what the loop writes goes into a <see cref="ScreenEmulator"/>. Running out of script fails.
/// </summary>
internal sealed class FakeTerminal : ITerminal
{
    private readonly FakeTimeProvider _time;
    private readonly Queue<object> _script = new();
    private TimeSpan _waitLeft;

    public FakeTerminal(FakeTimeProvider time, int width = 80, int height = 24)
    {
        _time = time;
        Width = width;
        Height = height;
        Screen = new ScreenEmulator(width, height);
    }

    public int Width { get; set; }

    public int Height { get; set; }

    public ScreenEmulator Screen { get; private set; }

    public int InputBegun { get; private set; }

    public int InputEnded { get; private set; }

    /// <summary>The screen as it was just before the loop left the alternate screen.</summary>
    public IReadOnlyList<string> LastFrame { get; private set; } = [];

    public FakeTerminal Keys(params ConsoleKeyInfo[] keys)
    {
        foreach (var key in keys)
        {
            _script.Enqueue(key);
        }

        return this;
    }

    public FakeTerminal Wait(TimeSpan time)
    {
        _script.Enqueue(time);
        return this;
    }

    public FakeTerminal Then(Action action)
    {
        _script.Enqueue(action);
        return this;
    }

    public FakeTerminal Resize(int width, int height) => Then(() =>
    {
        Width = width;
        Height = height;
        Screen = new ScreenEmulator(width, height);
    });

    public void BeginInput() => InputBegun++;

    public void EndInput() => InputEnded++;

    public void Write(string text)
    {
        if (text.Contains("\u001b[?1049l", StringComparison.Ordinal))
        {
            LastFrame = Screen.Lines;
        }

        Screen.Feed(text);
    }

    public ValueTask<ConsoleKeyInfo?> ReadKeyAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!_script.TryPeek(out var next))
        {
            throw new InvalidOperationException("the fake terminal's script ran out (the loop did not quit)");
        }

        switch (next)
        {
            case ConsoleKeyInfo key:
                _script.Dequeue();
                return ValueTask.FromResult<ConsoleKeyInfo?>(key);
            case Action action:
                _script.Dequeue();
                action();
                return ValueTask.FromResult<ConsoleKeyInfo?>(null);
            default:
                if (_waitLeft <= TimeSpan.Zero)
                {
                    _waitLeft = (TimeSpan)next;
                }

                var step = timeout < _waitLeft ? timeout : _waitLeft;
                _time.Advance(step);
                _waitLeft -= step;
                if (_waitLeft <= TimeSpan.Zero)
                {
                    _script.Dequeue();
                }

                return ValueTask.FromResult<ConsoleKeyInfo?>(null);
        }
    }
}
