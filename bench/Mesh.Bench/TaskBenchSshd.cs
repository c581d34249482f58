using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Mesh.Bench;

/// <summary>
/// A private sshd on a loopback port (its own host key, one client key, nothing of the machine's ssh setup touched): the
/// baseline for running a command on another machine. Null when openssh-server is not installed.
/// </summary>
internal sealed class TaskBenchSshd : IAsyncDisposable
{
    private readonly Process _process;
    private readonly DirectoryInfo _directory;

    private TaskBenchSshd(Process process, DirectoryInfo directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The argv of <c>ssh</c> running <paramref name="command"/> through this server.</summary>
    public string[] SshArgv(params string[] command) =>
    [
        "ssh", "-i", Path.Combine(_directory.FullName, "client"), "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes", "-o", "LogLevel=ERROR",
        $"{Environment.UserName}@127.0.0.1", .. command,
    ];

    public static async Task<TaskBenchSshd?> StartAsync()
    {
        const string Sshd = "/usr/sbin/sshd";
        if (!File.Exists(Sshd) || CommandTimer.FindOnPath("ssh") is null || CommandTimer.FindOnPath("ssh-keygen") is null)
        {
            return null;
        }

        var directory = Directory.CreateTempSubdirectory("mbench-sshd-");
        await CommandTimer.RunOnceAsync(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", Path.Combine(directory.FullName, "host")]).ConfigureAwait(false);
        await CommandTimer.RunOnceAsync(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", Path.Combine(directory.FullName, "client")]).ConfigureAwait(false);
        File.Copy(Path.Combine(directory.FullName, "client.pub"), Path.Combine(directory.FullName, "authorized_keys"));
        var port = FreePort();
        var config = Path.Combine(directory.FullName, "sshd_config");
        await File.WriteAllLinesAsync(config,
        [
            $"Port {port}", "ListenAddress 127.0.0.1", $"HostKey {Path.Combine(directory.FullName, "host")}",
            $"AuthorizedKeysFile {Path.Combine(directory.FullName, "authorized_keys")}", $"PidFile {Path.Combine(directory.FullName, "sshd.pid")}",
            "StrictModes no", "UsePAM no", "PasswordAuthentication no", "PermitRootLogin prohibit-password",
        ]).ConfigureAwait(false);
        Directory.CreateDirectory("/run/sshd");
        var start = new ProcessStartInfo(Sshd) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-D", "-e", "-f", config })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        var server = new TaskBenchSshd(process, directory, port);
        for (var i = 0; i < 50; i++)
        {
            try
            {
                await CommandTimer.RunOnceAsync(server.SshArgv("true")).ConfigureAwait(false);
                return server;
            }
            catch (InvalidOperationException) when (i < 49)
            {
                await Task.Delay(100).ConfigureAwait(false);
            }
        }

        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync().ConfigureAwait(false);
        _process.Dispose();
        _directory.Delete(recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
