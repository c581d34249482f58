using System.Net.Sockets;
using Mesh.Core.Control;
using Mesh.Node;
using Mesh.Node.Control;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mesh.Tests.Node.Control;

/// <summary>The control socket's file: its mode, stale and live sockets at start, removal at stop.</summary>
[TestFixture]
[CancelAfter(10_000)]
public sealed class ControlServerSocketTests
{
    private ControlSocketDirectory _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = new ControlSocketDirectory();

    [TearDown]
    public void DeleteDirectory() => _directory.Dispose();

    [Test]
    public async Task Start_AnyUmask_SocketIsMode0600()
    {
        await using var server = Create(_directory.SocketPath);

        await server.StartAsync();

        Assert.That(File.GetUnixFileMode(_directory.SocketPath), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
    }

    [Test]
    public async Task Start_StaleSocketOfDeadNode_ReplacesIt()
    {
        using (var dead = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            // What a killed node leaves behind: a socket file nobody listens on. .NET unlinks a socket it bound
            // when it is disposed, so the file is moved to the path first (rename keeps the socket inode).
            var bound = _directory.PathOf("bound.sock");
            dead.Bind(new UnixDomainSocketEndPoint(bound));
            File.Move(bound, _directory.SocketPath);
        }

        Assert.That(File.Exists(_directory.SocketPath), "the stale socket file is there before the start");
        await using var server = Create(_directory.SocketPath);

        await server.StartAsync();

        var response = await RawHttp.RequestAsync(_directory.SocketPath, "GET", "/v1/node");
        Assert.That(response, Does.StartWith("HTTP/1.1 200 "));
    }

    [Test]
    public async Task Start_LiveNodeOnPath_RefusesAndLeavesItServing()
    {
        await using var first = Create(_directory.SocketPath);
        await first.StartAsync();
        await using var second = Create(_directory.SocketPath);

        var ex = Assert.ThrowsAsync<NodeStartException>(() => second.StartAsync());

        Assert.Multiple(async () =>
        {
            Assert.That(ex!.Message, Does.StartWith($"another mesh-node is serving {_directory.SocketPath}"));
            Assert.That(await RawHttp.RequestAsync(_directory.SocketPath, "GET", "/v1/node"), Does.StartWith("HTTP/1.1 200 "));
        });
    }

    [Test]
    public async Task Start_PlainFileOnPath_RefusesAndKeepsTheFile()
    {
        await File.WriteAllTextAsync(_directory.SocketPath, "not a socket");
        await using var server = Create(_directory.SocketPath);

        var ex = Assert.ThrowsAsync<NodeStartException>(() => server.StartAsync());

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Message, Does.Contain("is not a socket"));
            Assert.That(File.ReadAllText(_directory.SocketPath), Is.EqualTo("not a socket"));
        });
    }

    [Test]
    public async Task Stop_RunningServer_RemovesSocket()
    {
        var server = Create(_directory.SocketPath);
        await server.StartAsync();
        Assert.That(File.Exists(_directory.SocketPath), Is.True);

        await server.DisposeAsync();

        Assert.That(File.Exists(_directory.SocketPath), Is.False);
    }

    [Test]
    public async Task Start_AfterStop_ServesAgain()
    {
        await using var server = Create(_directory.SocketPath);
        await server.StartAsync();
        await server.StopAsync();

        await server.StartAsync();

        Assert.That(await RawHttp.RequestAsync(_directory.SocketPath, "GET", "/v1/node"), Does.StartWith("HTTP/1.1 200 "));
    }

    [Test]
    public async Task Start_MissingDirectory_CreatesItPrivate()
    {
        var path = Path.Combine(_directory.PathOf("run"), "control.sock");
        await using var server = Create(path);

        await server.StartAsync();

        Assert.That(File.GetUnixFileMode(Path.GetDirectoryName(path)!), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute));
    }

    [Test]
    public void Options_RelativePath_NamesTheOption()
    {
        var options = new ControlServerOptions { SocketPath = "control.sock" };

        var ex = Assert.Throws<ArgumentException>(options.Validate);

        Assert.That(ex!.ParamName, Is.EqualTo(nameof(ControlServerOptions.SocketPath)));
    }

    [Test]
    public void Options_PathLongerThanSunPath_SaysSo()
    {
        var options = new ControlServerOptions { SocketPath = "/" + new string('d', 120) + "/control.sock" };

        var ex = Assert.Throws<ArgumentException>(options.Validate);

        Assert.That(ex!.Message, Does.Contain("longer than the 107 bytes"));
    }

    [Test]
    public void Options_ZeroTimeout_NamesTheOption()
    {
        var options = new ControlServerOptions { SocketPath = "/tmp/x.sock", RequestHeadersTimeout = TimeSpan.Zero };

        var ex = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);

        Assert.That(ex!.ParamName, Is.EqualTo(nameof(ControlServerOptions.RequestHeadersTimeout)));
    }

    [Test]
    public void DefaultPath_DataDir_IsControlSockInIt()
    {
        Assert.That(ControlServerOptions.DefaultPath("/data/mesh"), Is.EqualTo("/data/mesh/control.sock"));
    }

    private static ControlServer Create(string path, INodeControl? node = null) =>
        new(node ?? new FakeNodeControl(), new ControlServerOptions { SocketPath = path }, NullLoggerFactory.Instance);
}
