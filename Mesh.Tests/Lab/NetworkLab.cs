using System.Diagnostics;
using System.Net;

namespace Mesh.Tests.Lab;

/// <summary>
/// A multi-host lab on one machine (DESIGN.md "A multi-host lab on one machine"): a namespace holding a bridge without
/// multicast snooping, and per host a namespace whose <c>eth0</c> is a veth into the bridge, with a private 10.x.y.0/24
/// address picked per run, <c>lo</c> up, and a 224.0.0.0/4 route; or, per <see cref="LabAddressing"/>, a ULA
/// fdXX:XXXX:XXXX::/64 address instead of or besides it (DAD off in the lab's namespaces, so every IPv6 address, the
/// kernel's link-local one included, is usable at once; ff02::/16 needs no route: link-local multicast goes out of the
/// interface the socket names). Nothing is created in the root namespace (the veth pairs are made directly inside the
/// lab's namespaces). Dispose kills the lab's processes and deletes every namespace.
/// </summary>
internal sealed class NetworkLab : IAsyncDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(10);
    private readonly List<string> _namespaces = [];
    private readonly List<LabProcess> _processes = [];
    private readonly List<LabHost> _hosts = [];
    private readonly string _bridge;
    private readonly LabAddressing _addressing;

    private NetworkLab(string prefix, LabAddressing addressing)
    {
        _bridge = prefix + "br";
        _addressing = addressing;
    }

    /// <summary>The hosts, in creation order.</summary>
    public IReadOnlyList<LabHost> Hosts => _hosts;

    /// <summary>Null when the lab can run here (root, and <c>ip netns</c> works), else why not.</summary>
    public static string? UnavailableReason()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "the network lab needs Linux network namespaces";
        }

        if (Environment.UserName != "root" && Environment.GetEnvironmentVariable("USER") != "root")
        {
            return "the network lab needs root (ip netns)";
        }

        try
        {
            var (code, output) = Run("ip", "netns", "list");
            return code == 0 ? null : "ip netns is unavailable: " + output;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return "iproute2 (ip) is not installed: " + ex.Message;
        }
    }

    /// <summary>Creates a lab of <paramref name="hostCount"/> hosts; on any failure what was made is deleted again.</summary>
    public static async Task<NetworkLab> CreateAsync(int hostCount, LabAddressing addressing = LabAddressing.IPv4)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hostCount, 200);
        var prefix = $"mlab{Environment.ProcessId % 100000}{Random.Shared.Next(1000, 9999)}";
        var lab = new NetworkLab(prefix, addressing);
        try
        {
            lab.Build(prefix, hostCount);
            return lab;
        }
        catch
        {
            await lab.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Cuts host <paramref name="index"/> off the network (its link goes down).</summary>
    public void Cut(int index) => Ip("-n", _hosts[index].Namespace, "link", "set", "eth0", "down");

    /// <summary>Brings host <paramref name="index"/> back (the multicast route goes with the link, so it is added again).</summary>
    public void Restore(int index)
    {
        var ns = _hosts[index].Namespace;
        Ip("-n", ns, "link", "set", "eth0", "up");
        if (_addressing != LabAddressing.IPv6Only)
        {
            Run("ip", "-n", ns, "route", "replace", "224.0.0.0/4", "dev", "eth0");
        }
    }

    /// <summary>Starts <paramref name="program"/> inside host <paramref name="index"/>'s namespace; the lab kills it on dispose.</summary>
    public LabProcess Start(int index, string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo("ip")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        foreach (var argument in (string[])["netns", "exec", _hosts[index].Namespace, program, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = new LabProcess(Process.Start(start)!);
        _processes.Add(process);
        return process;
    }

    /// <summary>Kills the lab's processes and deletes its namespaces (deleting a namespace removes its links and the bridge).</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var ns in Enumerable.Reverse(_namespaces))
        {
            Run("ip", "netns", "del", ns);
        }
    }

    private void Build(string prefix, int hostCount)
    {
        // 10.X.Y.0/24 and fdXX:XXXX:XXXX::/64 with the X's random per run: private, and only ever inside this lab's namespaces.
        var subnet = $"10.{Random.Shared.Next(100, 250)}.{Random.Shared.Next(1, 250)}";
        var ula = $"fd{Random.Shared.Next(0, 256):x2}:{Random.Shared.Next(0, 65536):x4}:{Random.Shared.Next(0, 65536):x4}";
        var withIPv4 = _addressing != LabAddressing.IPv6Only;
        var withIPv6 = _addressing != LabAddressing.IPv4;
        AddNamespace(_bridge);
        Ip("-n", _bridge, "link", "set", "lo", "up");
        Ip("-n", _bridge, "link", "add", "br0", "type", "bridge", "mcast_snooping", "0");
        Ip("-n", _bridge, "link", "set", "br0", "up");
        for (var i = 0; i < hostCount; i++)
        {
            var ns = $"{prefix}h{i}";
            var port = $"p{i}";
            AddNamespace(ns);
            if (withIPv6)
            {
                // Before eth0 exists, so it inherits "default": its link-local address is not held back by DAD either.
                Run("ip", "netns", "exec", ns, "sysctl", "-q", "-w", "net.ipv6.conf.all.accept_dad=0", "net.ipv6.conf.default.accept_dad=0");
            }

            Ip("link", "add", "eth0", "netns", ns, "type", "veth", "peer", "name", port, "netns", _bridge);
            Ip("-n", _bridge, "link", "set", port, "master", "br0");
            Ip("-n", _bridge, "link", "set", port, "up");
            var v4 = IPAddress.Parse($"{subnet}.{i + 1}");
            var v6 = IPAddress.Parse($"{ula}::{i + 1:x}");
            if (withIPv4)
            {
                Ip("-n", ns, "addr", "add", $"{v4}/24", "dev", "eth0");
            }

            if (withIPv6)
            {
                Ip("-n", ns, "addr", "add", $"{v6}/64", "dev", "eth0", "nodad");
            }

            Ip("-n", ns, "link", "set", "lo", "up");
            Ip("-n", ns, "link", "set", "eth0", "up");
            if (withIPv4)
            {
                Ip("-n", ns, "route", "add", "224.0.0.0/4", "dev", "eth0");
            }

            _hosts.Add(new LabHost(ns, withIPv4 ? v4 : v6, port) { IPv6Address = withIPv6 ? v6 : null });
        }
    }

    private void AddNamespace(string name)
    {
        Ip("netns", "add", name);
        _namespaces.Add(name);
    }

    private static void Ip(params string[] arguments)
    {
        var (code, output) = Run("ip", arguments);
        if (code != 0)
        {
            throw new InvalidOperationException($"ip {string.Join(' ', arguments)} failed ({code}): {output}");
        }
    }

    private static (int Code, string Output) Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(CommandTimeout))
        {
            process.Kill();
            return (-1, "timed out");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
