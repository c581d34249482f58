using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Mesh.Tests.Node;

/// <summary>A real <c>mesh-node</c> process (the build output copied beside the tests), with its stdout and stderr captured.</summary>
internal sealed partial class NodeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Lock _gate = new();

    private NodeProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(_stdout, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Stdout
    {
        get
        {
            lock (_gate)
            {
                return _stdout.ToString();
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (_gate)
            {
                return _stderr.ToString();
            }
        }
    }

    public static NodeProcess Start(params string[] arguments) => StartWith(new Dictionary<string, string>(), arguments);

    /// <summary>Starts the node with extra environment variables (test hooks such as the owner's usage file).</summary>
    public static NodeProcess StartWith(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "mesh-node.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return new NodeProcess(Process.Start(start)!);
    }

    /// <summary>Waits for the first full listen address the node prints.</summary>
    public async Task<string> WaitForListenAddressAsync()
    {
        var match = await WaitForAsync(() => ListenLine().Match(Stdout), m => m.Success, TimeSpan.FromSeconds(30));
        return match.Groups[1].Value;
    }

    /// <summary>Waits until stderr holds <paramref name="fragment"/>; false on timeout.</summary>
    public async Task<bool> WaitForLogAsync(string fragment, TimeSpan timeout)
    {
        try
        {
            await WaitForAsync(() => Stderr, s => s.Contains(fragment, StringComparison.Ordinal), timeout);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Waits until stdout holds <paramref name="fragment"/>; false on timeout.</summary>
    public async Task<bool> WaitForStdoutAsync(string fragment, TimeSpan timeout)
    {
        try
        {
            await WaitForAsync(() => Stdout, s => s.Contains(fragment, StringComparison.Ordinal), timeout);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private async Task<T> WaitForAsync<T>(Func<T> probe, Func<T, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var value = probe();
            if (done(value))
            {
                return value;
            }

            if (_process.HasExited)
            {
                break;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"mesh-node did not get there.\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}");
    }

    private void Append(StringBuilder target, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            target.AppendLine(line);
        }
    }

    [GeneratedRegex(@"^listening on (/ip4/127\.0\.0\.1/tcp/\d+/p2p/12D3KooW[1-9A-HJ-NP-Za-km-z]+)$", RegexOptions.Multiline)]
    private static partial Regex ListenLine();
}
