using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Mesh.Core.Control;

namespace Mesh.Bench;

/// <summary>A real <c>mesh-node</c> process on loopback (mDNS off) and an HTTP client on its control socket.</summary>
internal sealed class TaskBenchNode : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stderr;
    private readonly Task _stdout;

    private TaskBenchNode(Process process, Task stdout, string dataDir, string address)
    {
        _process = process;
        _stdout = stdout;
        _stderr = process.StandardError.ReadToEndAsync();
        DataDir = dataDir;
        Address = address;
        Socket = Path.Combine(dataDir, "control.sock");
        Http = new HttpClient(new SocketsHttpHandler { ConnectCallback = ConnectAsync }) { BaseAddress = new Uri("http://localhost"), Timeout = TimeSpan.FromMinutes(2) };
    }

    public string DataDir { get; }

    /// <summary>Its listen address with <c>/p2p/ID</c>.</summary>
    public string Address { get; }

    public string Socket { get; }

    public HttpClient Http { get; }

    public int ProcessId => _process.Id;

    /// <summary>Starts the node and waits until its control API answers.</summary>
    public static async Task<TaskBenchNode> StartAsync(string dataDir, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "mesh-node.dll"), "--data-dir", dataDir, "--listen", "/ip4/127.0.0.1/tcp/0", "--no-mdns" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        string? address = null;
        while (await process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            if (line.StartsWith("listening on ", StringComparison.Ordinal))
            {
                address ??= line["listening on ".Length..];
            }

            if (line.StartsWith("control API on", StringComparison.Ordinal))
            {
                break;
            }
        }

        if (address is null)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"mesh-node did not start: {await process.StandardError.ReadToEndAsync().ConfigureAwait(false)}");
        }

        // Keep draining stdout so the node never blocks on a full pipe.
        return new TaskBenchNode(process, process.StandardOutput.BaseStream.CopyToAsync(Stream.Null), dataDir, address);
    }

    /// <summary>A new client with its own connections to the control socket.</summary>
    public HttpClient NewClient() => new(new SocketsHttpHandler { ConnectCallback = ConnectAsync }) { BaseAddress = new Uri("http://localhost"), Timeout = TimeSpan.FromMinutes(2) };

    public async Task<NodeView> NodeAsync() => (await Http.GetFromJsonAsync("/v1/node", ControlJsonContext.Default.NodeView).ConfigureAwait(false))!;

    public async Task<PeersView> PeersAsync() => (await Http.GetFromJsonAsync("/v1/peers", ControlJsonContext.Default.PeersView).ConfigureAwait(false))!;

    public async Task<string[]> SubmitAsync(SubmitTaskRequest request)
    {
        using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(request, ControlJsonContext.Default.SubmitTaskRequest));
        using var response = await Http.PostAsync("/v1/tasks", content).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"submission refused: {await response.Content.ReadAsStringAsync().ConfigureAwait(false)}");
        }

        return [.. (await response.Content.ReadFromJsonAsync(ControlJsonContext.Default.SubmitTaskResponse).ConfigureAwait(false))!.Ids];
    }

    public async Task<TaskStatusView> WaitAsync(string id)
    {
        using var response = await Http.PostAsync($"/v1/tasks/{id}/wait", null).ConfigureAwait(false);
        return (await response.Content.ReadFromJsonAsync(ControlJsonContext.Default.TaskStatusView).ConfigureAwait(false))!;
    }

    /// <summary>How many of this node's tasks are in <paramref name="state"/> (up to 1000: enough to tell "none").</summary>
    public async Task<int> CountAsync(string state) =>
        (await Http.GetFromJsonAsync($"/v1/tasks?state={state}&limit=1000", ControlJsonContext.Default.TaskListView).ConfigureAwait(false))!.Tasks.Count;

    /// <summary>Every task of this node, oldest first.</summary>
    public async Task<IReadOnlyList<TaskStatusView>> TasksAsync()
    {
        var all = new List<TaskStatusView>();
        string? after = null;
        do
        {
            var page = (await Http.GetFromJsonAsync($"/v1/tasks?limit=1000{(after is null ? "" : "&after=" + after)}", ControlJsonContext.Default.TaskListView).ConfigureAwait(false))!;
            all.AddRange(page.Tasks);
            after = page.Next;
        }
        while (after is not null);
        return all;
    }

    /// <summary>Waits until none of this node's tasks is queued or running.</summary>
    public async Task WaitIdleAsync(TimeSpan poll)
    {
        while (await CountAsync("queued").ConfigureAwait(false) + await CountAsync("running").ConfigureAwait(false) > 0)
        {
            await Task.Delay(poll).ConfigureAwait(false);
        }
    }

    /// <summary>The process's resident memory, in KiB.</summary>
    public long ResidentKiB() =>
        long.Parse(File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync().ConfigureAwait(false);
        _ = await _stderr.ConfigureAwait(false);
        await _stdout.ConfigureAwait(false);
        _process.Dispose();
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(Socket), cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
