using Mesh.Cli.Client;
using Mesh.Core.Control;

namespace Mesh.Cli.Top;

/// <summary>
/// The interactive <c>mesh top</c>: owns the refresh timer and the terminal. Each turn it starts a fetch when one
/// is due, takes a finished fetch, notices a resize, redraws when anything changed and waits for a key (at most
/// until the next refresh or the next size check). A fetch runs while keys are handled, so a slow node never
/// freezes the keyboard. The terminal is put back (normal screen, cursor shown, keyboard as it was) however the
/// loop ends: q, Ctrl+C, cancellation or an exception.
/// </summary>
public sealed class TopLoop
{
    private readonly IControlClient _client;
    private readonly ITerminal _terminal;
    private readonly TimeProvider _timeProvider;
    private readonly TopOptions _options;
    private TopState _state = new();
    private PeersView? _view;
    private string? _error;
    private DateTimeOffset? _updatedAt;

    /// <summary>Creates the loop.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public TopLoop(IControlClient client, ITerminal terminal, TimeProvider timeProvider, TopOptions options)
    {
        options.Validate();
        _client = client;
        _terminal = terminal;
        _timeProvider = timeProvider;
        _options = options;
    }

    /// <summary>The state after the last key or refresh (for tests).</summary>
    public TopState State => _state;

    /// <summary>How many fetches have finished, successful or not.</summary>
    public int Refreshes { get; private set; }

    /// <summary>Runs until q or Ctrl+C (exit code 0) or until <paramref name="cancellationToken"/> fires (130, as after SIGINT).</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        _terminal.BeginInput();
        try
        {
            _terminal.Write(Ansi.EnterAlternateScreen + Ansi.HideCursor + Ansi.ClearScreen);
            return await LoopAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return 130;
        }
        finally
        {
            try
            {
                _terminal.Write((_options.Color ? Ansi.Reset : "") + Ansi.ShowCursor + Ansi.LeaveAlternateScreen);
            }
            finally
            {
                _terminal.EndInput();
            }
        }
    }

    private async Task<int> LoopAsync(CancellationToken cancellationToken)
    {
        using var fetchCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task<PeersView>? fetch = null;
        var (width, height) = (-1, -1);
        var nextRefresh = _timeProvider.GetUtcNow();
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var dirty = false;
                var now = _timeProvider.GetUtcNow();
                if (fetch is null && now >= nextRefresh)
                {
                    fetch = FetchAsync(fetchCancel.Token);
                    nextRefresh = now + _options.Interval;
                }

                if (fetch is { IsCompleted: true })
                {
                    Absorb(fetch, cancellationToken);
                    fetch = null;
                    dirty = true;
                }

                if (_terminal.Width != width || _terminal.Height != height)
                {
                    (width, height) = (_terminal.Width, _terminal.Height);
                    _state = _state.WithPageSize(TopRenderer.TableRows(height));
                    _terminal.Write(Ansi.ClearScreen);
                    dirty = true;
                }

                if (dirty)
                {
                    Draw(width, height);
                }

                // Wait for a key until the next refresh is due, but never longer than the resize poll; while a
                // fetch is under way, look at it again after one poll.
                var untilRefresh = fetch is null ? nextRefresh - _timeProvider.GetUtcNow() : _options.ResizePoll;
                var wait = TimeSpan.FromTicks(Math.Clamp(untilRefresh.Ticks, 0, _options.ResizePoll.Ticks));
                if (await _terminal.ReadKeyAsync(wait, cancellationToken).ConfigureAwait(false) is { } key)
                {
                    _state = _state.Apply(key);
                    if (_state.Quit)
                    {
                        return 0;
                    }

                    Draw(width, height);
                }
            }
        }
        finally
        {
            // The fetch is owned by the loop: cancel it and see it end, whatever its outcome.
            await fetchCancel.CancelAsync().ConfigureAwait(false);
            if (fetch is not null)
            {
                try
                {
                    await fetch.ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // The loop is ending; only that the fetch is not left running matters now.
                }
            }
        }
    }

    private async Task<PeersView> FetchAsync(CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.RequestTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await _client.GetPeersAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ControlClientException($"the node at {_client.Endpoint} did not answer within {_options.RequestTimeout.TotalSeconds:0.#}s");
        }
    }

    private void Absorb(Task<PeersView> done, CancellationToken stopToken)
    {
        Refreshes++;
        if (done.IsCompletedSuccessfully)
        {
            _view = done.Result;
            _error = null;
            _updatedAt = _timeProvider.GetLocalNow();
            _state = _state.WithPeers(_view.Peers);
            return;
        }

        var failure = done.Exception?.GetBaseException();
        if (failure is OperationCanceledException || done.IsCanceled)
        {
            stopToken.ThrowIfCancellationRequested();
        }

        // Keep the last table on screen: the person sees what was true and that it is stale. Any failure (not only
        // ControlClientException) is shown rather than ending the UI, and the next turn retries.
        _error = FirstLine(failure?.Message ?? "the request was cancelled");
    }

    private void Draw(int width, int height)
    {
        var model = new TopModel
        {
            State = _state,
            View = _view,
            Endpoint = _client.Endpoint,
            Error = _error,
            UpdatedAt = _updatedAt,
            Now = _timeProvider.GetUtcNow(),
            Interval = _options.Interval,
        };
        _terminal.Write(TerminalFrame.Compose(TopRenderer.Render(model, width, height, _options.Color)));
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
