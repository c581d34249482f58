using Mesh.Node.Control;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Mesh.Core.Control;

namespace Mesh.Tests.Node.Control;

/// <summary>Clients that misbehave do not hurt the next one; the server runs inside a generic host.</summary>
[TestFixture]
[CancelAfter(10_000)]
public sealed class ControlServerRobustnessTests
{
    private ControlSocketDirectory _directory = null!;
    private ControlServer _server = null!;

    [SetUp]
    public async Task StartServer()
    {
        _directory = new ControlSocketDirectory();
        _server = new ControlServer(new FakeNodeControl(), new ControlServerOptions { SocketPath = _directory.SocketPath }, NullLoggerFactory.Instance);
        await _server.StartAsync();
    }

    [TearDown]
    public async Task StopServer()
    {
        await _server.DisposeAsync();
        _directory.Dispose();
    }

    [Test]
    public async Task Garbage_NotHttp_Answered400AndNextClientServed()
    {
        var garbage = await RawHttp.ExchangeAsync(_directory.SocketPath, "\x16\x03\x01 this is not HTTP at all\r\n\r\n");

        var next = await RawHttp.RequestAsync(_directory.SocketPath, "GET", "/v1/peers");

        Assert.Multiple(() =>
        {
            Assert.That(garbage, Does.StartWith("HTTP/1.1 400 "));
            Assert.That(next, Does.StartWith("HTTP/1.1 200 "));
        });
    }

    [Test]
    public async Task SilentClient_ConnectedAndIdle_NextClientServed()
    {
        using var silent = await RawHttp.ConnectAsync(_directory.SocketPath);

        var next = await RawHttp.RequestAsync(_directory.SocketPath, "GET", "/v1/node");

        Assert.That(next, Does.StartWith("HTTP/1.1 200 "));
    }

    [Test]
    public async Task HalfRequest_HeadersNeverFinished_NextClientServed()
    {
        using var slow = await RawHttp.ConnectAsync(_directory.SocketPath);
        await slow.SendAsync("GET /v1/node HTTP/1.1\r\nHost: x\r\n"u8.ToArray(), System.Net.Sockets.SocketFlags.None);

        var next = await RawHttp.RequestAsync(_directory.SocketPath, "GET", "/v1/node");

        Assert.That(next, Does.StartWith("HTTP/1.1 200 "));
    }

    [Test]
    public async Task OversizedHeaders_Rejected431AndNextClientServed()
    {
        var huge = $"GET /v1/node HTTP/1.1\r\nHost: x\r\nX-Junk: {new string('j', 16 * 1024)}\r\nConnection: close\r\n\r\n";

        var rejected = await RawHttp.ExchangeAsync(_directory.SocketPath, huge);
        var next = await RawHttp.RequestAsync(_directory.SocketPath, "GET", "/v1/node");

        Assert.Multiple(() =>
        {
            Assert.That(rejected, Does.StartWith("HTTP/1.1 431 "));
            Assert.That(next, Does.StartWith("HTTP/1.1 200 "));
        });
    }

    [Test]
    public async Task OversizedBody_Rejected413()
    {
        var body = new string('b', 8 * 1024);
        var request = $"POST /v1/node/benchmark HTTP/1.1\r\nHost: x\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}";

        var rejected = await RawHttp.ExchangeAsync(_directory.SocketPath, request);

        Assert.That(rejected, Does.StartWith("HTTP/1.1 413 "));
    }

    [Test]
    public async Task AddControlApi_InHost_ServesAndRemovesSocketOnStop()
    {
        var path = _directory.PathOf("hosted.sock");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<INodeControl>(new FakeNodeControl());
        builder.Services.AddControlApi(o => o.SocketPath = path);
        using var host = builder.Build();

        await host.StartAsync();
        var response = await RawHttp.RequestAsync(path, "GET", "/v1/node");
        await host.StopAsync();

        Assert.Multiple(() =>
        {
            Assert.That(response, Does.StartWith("HTTP/1.1 200 "));
            Assert.That(File.Exists(path), Is.False);
        });
    }
}
