using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Mesh.Tests.Interop;

/// <summary>
/// A real js-libp2p 3.x node (interop/js/peer.mjs) in a child process, driven by JSON lines.
/// Its stdout carries events and replies; every command waits at most <see cref="CommandTimeout"/>.
/// </summary>
internal sealed class JsPeer : IAsyncDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);
    private readonly Process _process;
    private readonly Channel<JsonObject> _events = Channel.CreateUnbounded<JsonObject>();
    private readonly Dictionary<int, TaskCompletionSource<JsonObject>> _pending = [];
    private readonly Lock _gate = new();
    private readonly Task _reader;
    private readonly List<string> _stderr = [];
    private int _nextId;

    private JsPeer(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_gate)
                {
                    _stderr.Add(e.Data);
                }
            }
        };
        _process.BeginErrorReadLine();
        _reader = ReadLoopAsync();
    }

    public string PeerId { get; private set; } = "";

    public IReadOnlyList<string> Addresses { get; private set; } = [];

    /// <summary>What the js process wrote to stderr so far (for failure messages).</summary>
    public string Stderr
    {
        get
        {
            lock (_gate)
            {
                return string.Join('\n', _stderr.TakeLast(40));
            }
        }
    }

    /// <summary>Starts the js peer on 127.0.0.1 (with gossipsub when <paramref name="gossip"/>) and waits until it listens.</summary>
    public static async Task<JsPeer> StartAsync(string? pskFile = null, bool gossip = false)
    {
        JsDependencies.EnsureInstalled();
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepositoryPaths.JsPeerDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("peer.mjs");
        start.ArgumentList.Add("--listen");
        start.ArgumentList.Add("/ip4/127.0.0.1/tcp/0");
        if (pskFile is not null)
        {
            start.ArgumentList.Add("--psk");
            start.ArgumentList.Add(pskFile);
        }

        if (gossip)
        {
            start.ArgumentList.Add("--gossip");
        }

        var peer = new JsPeer(Process.Start(start)!);
        var ready = await peer.WaitForEventAsync("ready", _ => true, TimeSpan.FromSeconds(30));
        peer.PeerId = ready["peerId"]!.GetValue<string>();
        peer.Addresses = ready["addrs"]!.AsArray().Select(a => a!.GetValue<string>()).ToArray();
        return peer;
    }

    /// <summary>Sends a command and returns its reply; throws with the js error (and stderr) if it failed.</summary>
    public async Task<JsonObject> CommandAsync(string command, object? arguments = null)
    {
        var reply = await TryCommandAsync(command, arguments);
        if (reply["ok"]?.GetValue<bool>() != true)
        {
            throw new InvalidOperationException($"js {command} failed: {reply["error"]}\n--- js stderr ---\n{Stderr}");
        }

        return reply;
    }

    /// <summary>Sends a command and returns its reply, successful or not.</summary>
    public async Task<JsonObject> TryCommandAsync(string command, object? arguments = null)
    {
        var request = arguments is null ? [] : JsonSerializer.SerializeToNode(arguments)!.AsObject();
        var completion = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        int id;
        lock (_gate)
        {
            id = ++_nextId;
            _pending[id] = completion;
        }

        request["id"] = id;
        request["cmd"] = command;
        await _process.StandardInput.WriteLineAsync(request.ToJsonString());
        await _process.StandardInput.FlushAsync();
        return await completion.Task.WaitAsync(CommandTimeout);
    }

    /// <summary>Waits for an event named <paramref name="name"/> that matches <paramref name="match"/>.</summary>
    public async Task<JsonObject> WaitForEventAsync(string name, Func<JsonObject, bool> match, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var e = await _events.Reader.ReadAsync(cts.Token);
                if (e["event"]?.GetValue<string>() == name && match(e))
                {
                    return e;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"js peer sent no '{name}' event in {timeout}.\n--- js stderr ---\n{Stderr}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        await _reader;
        _process.Dispose();
    }

    private async Task ReadLoopAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            JsonObject message;
            try
            {
                message = JsonNode.Parse(line)!.AsObject();
            }
            catch (JsonException)
            {
                continue;
            }

            if (message["id"] is { } idNode)
            {
                TaskCompletionSource<JsonObject>? waiter;
                lock (_gate)
                {
                    _pending.Remove(idNode.GetValue<int>(), out waiter);
                }

                waiter?.TrySetResult(message);
            }
            else
            {
                _events.Writer.TryWrite(message);
            }
        }

        lock (_gate)
        {
            foreach (var waiter in _pending.Values)
            {
                waiter.TrySetException(new InvalidOperationException($"js peer exited.\n--- js stderr ---\n{string.Join('\n', _stderr.TakeLast(40))}"));
            }

            _pending.Clear();
        }
    }
}
