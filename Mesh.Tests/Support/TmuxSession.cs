using System.Diagnostics;

namespace Mesh.Tests;

/// <summary>
/// A terminal a test can type into and read, the way a person uses a program: a tmux server of its own
/// (<c>tmux -L UNIQUE</c>, no config file) with one detached session of a fixed size, <c>send-keys</c> to type and
/// <c>capture-pane -p</c> to read the screen. Dispose kills that server only.
/// </summary>
internal sealed class TmuxSession : IDisposable
{
    private const string SessionName = "test";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(10);

    private readonly string _socketName;

    private TmuxSession(string socketName)
    {
        _socketName = socketName;
    }

    /// <summary>True when a tmux binary is on the PATH.</summary>
    public static bool IsInstalled => (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(':', StringSplitOptions.RemoveEmptyEntries)
        .Any(dir => File.Exists(Path.Combine(dir, "tmux")));

    /// <summary>Starts <paramref name="shellCommand"/> (run by <c>sh -c</c>) in a new <paramref name="width"/>x<paramref name="height"/> session.</summary>
    public static TmuxSession Start(string shellCommand, int width = 80, int height = 24)
    {
        var session = new TmuxSession($"mesh-test-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");
        session.Run("-f", "/dev/null", "new-session", "-d", "-s", SessionName, "-x", width.ToString(), "-y", height.ToString(), shellCommand);
        return session;
    }

    /// <summary>Sends keys as tmux names them: "Down", "Enter", "Escape", "s", "C-c".</summary>
    public void SendKeys(params string[] keys) => Run(["send-keys", "-t", SessionName, .. keys]);

    /// <summary>The visible screen, one string per row (trailing blanks removed by tmux).</summary>
    public string Capture() => Run("capture-pane", "-p", "-t", SessionName);

    /// <summary>Polls the screen until <paramref name="done"/> holds; fails with the last screen on timeout.</summary>
    public async Task<string> WaitForAsync(Func<string, bool> done, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        var screen = Capture();
        while (!done(screen))
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"The screen never showed {what}. Last screen:\n{screen}");
            }

            await Task.Delay(100);
            screen = Capture();
        }

        return screen;
    }

    public void Dispose()
    {
        try
        {
            Run("kill-server");
        }
        catch (InvalidOperationException)
        {
            // The server is already gone (its last session ended).
        }
    }

    private string Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("tmux")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-L");
        start.ArgumentList.Add(_socketName);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(CommandTimeout))
        {
            process.Kill();
            throw new InvalidOperationException($"tmux {string.Join(' ', arguments)} did not finish");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"tmux {string.Join(' ', arguments)} failed ({process.ExitCode}): {error.Result}");
        }

        return output.Result;
    }
}
