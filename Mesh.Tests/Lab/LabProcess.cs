using System.Diagnostics;
using System.Threading.Channels;

namespace Mesh.Tests.Lab;

/// <summary>A process a <see cref="NetworkLab"/> started inside one of its namespaces; stdout lines are queued for the test.</summary>
internal sealed class LabProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<bool> _arrived = Channel.CreateUnbounded<bool>();
    private readonly List<string> _stdout = [];
    private readonly List<string> _output = [];
    private readonly Lock _gate = new();

    private int _disposed;

    public LabProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Record(e.Data, toChannel: true);
        _process.ErrorDataReceived += (_, e) => Record(e.Data, toChannel: false);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The process id (of the program itself: <c>ip netns exec</c> execs it in place).</summary>
    public int Id => _process.Id;

    /// <summary>The last lines the process wrote, stdout and stderr, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_gate)
            {
                return string.Join('\n', _output.TakeLast(60));
            }
        }
    }

    /// <summary>The last lines, stdout and stderr, that <paramref name="keep"/> accepts: a failure message without the noise.</summary>
    public string OutputWhere(Func<string, bool> keep)
    {
        lock (_gate)
        {
            return string.Join('\n', _output.Where(keep).TakeLast(60));
        }
    }

    /// <summary>
    /// Waits for a stdout line (one already printed counts) that satisfies <paramref name="match"/>; throws
    /// <see cref="TimeoutException"/> with the output otherwise.
    /// </summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout, string what)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                lock (_gate)
                {
                    if (_stdout.FirstOrDefault(match) is { } line)
                    {
                        return line;
                    }
                }

                await _arrived.Reader.ReadAsync(cts.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
        {
            throw new TimeoutException($"No {what} within {timeout} (exited: {_process.HasExited}).\n--- output ---\n{Output}");
        }
    }

    /// <summary>Waits for a line on stdout or stderr (log lines included) that matches; polls, since stderr has no signal.</summary>
    public async Task<string> WaitForAnyOutputAsync(Func<string, bool> match, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            lock (_gate)
            {
                if (_output.FirstOrDefault(match) is { } line)
                {
                    return line;
                }
            }

            await Task.Delay(50).ConfigureAwait(false);
        }

        throw new TimeoutException($"No {what} within {timeout} (exited: {_process.HasExited}).\n--- output ---\n{Output}");
    }

    /// <summary>True when any line so far, stdout or stderr, matches.</summary>
    public bool HasOutput(Func<string, bool> match)
    {
        lock (_gate)
        {
            return _output.Any(match);
        }
    }

    /// <summary>How many stdout lines so far match.</summary>
    public int Lines(Func<string, bool> match)
    {
        lock (_gate)
        {
            return _stdout.Count(match);
        }
    }

    /// <summary>A copy of every stdout line so far, in the order they came.</summary>
    public IReadOnlyList<string> StdoutLines()
    {
        lock (_gate)
        {
            return [.. _stdout];
        }
    }

    /// <summary>Writes one line to the process's stdin.</summary>
    public async Task SendLineAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line).ConfigureAwait(false);
        await _process.StandardInput.FlushAsync().ConfigureAwait(false);
    }

    /// <summary>Kills the process and its children at once (SIGKILL), as a power cut would; the lab still disposes it.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync().ConfigureAwait(false);
    }

    /// <summary>Closes stdin, gives the process a moment to exit, then kills it by its id; once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            _process.StandardInput.Close();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or InvalidOperationException)
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().ConfigureAwait(false);
            }
        }

        _process.Dispose();
    }

    private void Record(string? line, bool toChannel)
    {
        if (line is null)
        {
            if (toChannel)
            {
                _arrived.Writer.TryComplete();
            }

            return;
        }

        lock (_gate)
        {
            _output.Add(toChannel ? line : "[stderr] " + line);
            if (toChannel)
            {
                _stdout.Add(line);
            }
        }

        if (toChannel)
        {
            _arrived.Writer.TryWrite(true);
        }
    }
}
