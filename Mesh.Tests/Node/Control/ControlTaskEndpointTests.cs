using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Mesh.Core.Control;
using Mesh.Node.Control;
using Mesh.Tests.Core.Scheduling;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mesh.Tests.Node.Control;

/// <summary>The task endpoints, served over a temp socket by a real task service.</summary>
[TestFixture]
[CancelAfter(15_000)]
public sealed class ControlTaskEndpointTests
{
    private ControlSocketDirectory _directory = null!;
    private TaskServiceHarness _tasks = null!;
    private ControlServer _server = null!;
    private HttpClient _client = null!;

    [SetUp]
    public async Task StartServer()
    {
        _directory = new ControlSocketDirectory();
        _tasks = await TaskServiceHarness.CreateAsync();
        _server = new ControlServer(new FakeNodeControl(), _tasks.Service, new ControlServerOptions { SocketPath = _directory.SocketPath }, NullLoggerFactory.Instance);
        await _server.StartAsync();
        _client = UnixSocketHttp.Create(_directory.SocketPath);
    }

    [TearDown]
    public async Task StopServer()
    {
        _client.Dispose();
        await _server.DisposeAsync();
        await _tasks.DisposeAsync();
        _directory.Dispose();
    }

    [Test]
    public async Task PostTasks_Valid_201WithIds()
    {
        using var response = await PostAsync(new SubmitTaskRequest { Argv = ["true"], Array = "1-3" });
        var submitted = await response.Content.ReadFromJsonAsync(ControlJsonContext.Default.SubmitTaskResponse);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(submitted!.Ids, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task PostTasks_RemoteOnly_400WithTheRefusal()
    {
        using var response = await PostAsync(new SubmitTaskRequest { Argv = ["true"], Placement = "remote" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ErrorAsync(response)).Error, Is.EqualTo(Mesh.Core.Scheduling.TaskService.RemoteRefusal));
    }

    [Test]
    public async Task PostTasks_NotJson_400()
    {
        using var response = await _client.PostAsync("/v1/tasks", new StringContent("{argv:", Encoding.UTF8, "application/json"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ErrorAsync(response)).Error, Does.StartWith("the body is not a task request"));
    }

    [Test]
    public async Task PostTasks_LargerThanOtherEndpointsAllow_Accepted()
    {
        // 64 KiB of argv: past the 4 KiB other endpoints take, within the submit limit.
        using var response = await PostAsync(new SubmitTaskRequest { Argv = ["echo", new string('a', 64 * 1024)] });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    [Test]
    public async Task PostTasks_PastSubmitLimit_413()
    {
        // The declared length is checked before the body is read.
        var request = $"POST /v1/tasks HTTP/1.1\r\nHost: x\r\nContent-Length: {2 * 1024 * 1024}\r\nConnection: close\r\n\r\n{{\"argv\":[";

        var rejected = await RawHttp.ExchangeAsync(_directory.SocketPath, request);

        Assert.That(rejected, Does.StartWith("HTTP/1.1 413 "));
    }

    [Test]
    public async Task GetTask_UnknownOrMalformed_404()
    {
        using var unknown = await _client.GetAsync("/v1/tasks/01jdq3v8k2x4c9n7m5r0t6w8yz");
        using var malformed = await _client.GetAsync("/v1/tasks/nonsense");

        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(malformed.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await ErrorAsync(unknown)).Error, Does.Contain("no task"));
    }

    [Test]
    public async Task Wait_ThenGet_ReturnsFinalStatus()
    {
        var id = await SubmitAsync(new SubmitTaskRequest { Argv = ["sh", "-c", "sleep 0.2; exit 7"] });

        using var waited = await _client.PostAsync($"/v1/tasks/{id}/wait", null);
        var status = await waited.Content.ReadFromJsonAsync(ControlJsonContext.Default.TaskStatusView);
        var again = await _client.GetFromJsonAsync($"/v1/tasks/{id}", ControlJsonContext.Default.TaskStatusView);

        Assert.Multiple(() =>
        {
            Assert.That(waited.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(status!.State, Is.EqualTo("failed"));
            Assert.That(status.ExitCode, Is.EqualTo(7));
            Assert.That(again, Is.EqualTo(status));
        });
    }

    [Test]
    public async Task Output_Follow_NdjsonLinesUntilTheEnd()
    {
        var id = await SubmitAsync(new SubmitTaskRequest { Argv = ["sh", "-c", "echo one; sleep 0.3; echo two >&2"] });

        using var response = await _client.GetAsync($"/v1/tasks/{id}/output?follow=true", HttpCompletionOption.ResponseHeadersRead);
        var lines = await ReadLinesAsync(response);

        Assert.Multiple(() =>
        {
            Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/x-ndjson"));
            Assert.That(response.Headers.TransferEncodingChunked, Is.True);
            Assert.That(lines.Select(l => l.Stream), Is.EqualTo(new[] { "stdout", "stderr" }));
            Assert.That(lines.Select(l => Encoding.UTF8.GetString(l.Data)), Is.EqualTo(new[] { "one\n", "two\n" }));
        });

        using var resumed = await _client.GetAsync($"/v1/tasks/{id}/output?after={lines[0].Seq}");
        Assert.That((await ReadLinesAsync(resumed)).Select(l => l.Seq), Is.EqualTo(new[] { lines[1].Seq }));
    }

    [Test]
    public async Task Output_BadAfter_400_UnknownTask_404()
    {
        var id = await SubmitAsync(new SubmitTaskRequest { Argv = ["true"] });

        using var bad = await _client.GetAsync($"/v1/tasks/{id}/output?after=-1");
        using var unknown = await _client.GetAsync("/v1/tasks/01jdq3v8k2x4c9n7m5r0t6w8yz/output");

        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Cancel_Running_ReturnsCancelled()
    {
        var id = await SubmitAsync(new SubmitTaskRequest { Argv = ["sh", "-c", "echo up; sleep 30"] });
        await _tasks.WaitForFirstOutputAsync(id);

        using var response = await _client.PostAsync($"/v1/tasks/{id}/cancel", null);
        var status = await response.Content.ReadFromJsonAsync(ControlJsonContext.Default.TaskStatusView);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(status!.State, Is.EqualTo("cancelled"));
    }

    [Test]
    public async Task List_StateAndLimit_FiltersAndPages()
    {
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var id = await SubmitAsync(new SubmitTaskRequest { Argv = ["true"] });
            await _tasks.WaitAsync(id);
            ids.Add(id);
        }

        var page = await _client.GetFromJsonAsync("/v1/tasks?state=succeeded&limit=2", ControlJsonContext.Default.TaskListView);
        var rest = await _client.GetFromJsonAsync($"/v1/tasks?state=succeeded&limit=2&after={page!.Next}", ControlJsonContext.Default.TaskListView);
        using var tooMany = await _client.GetAsync("/v1/tasks?limit=5000");
        using var badState = await _client.GetAsync("/v1/tasks?state=napping");

        Assert.Multiple(() =>
        {
            Assert.That(page.Tasks.Select(t => t.Id).Concat(rest!.Tasks.Select(t => t.Id)), Is.EqualTo(ids));
            Assert.That(rest!.Next, Is.Null);
            Assert.That(tooMany.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(badState.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        });
    }

    [Test]
    public async Task WrongMethod_OnTaskPaths_405()
    {
        using var wait = await _client.GetAsync("/v1/tasks/01jdq3v8k2x4c9n7m5r0t6w8yz/wait");
        using var delete = await _client.DeleteAsync("/v1/tasks");

        Assert.That(wait.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
        Assert.That(wait.Content.Headers.Allow, Is.EquivalentTo(new[] { "POST" }));
        Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
    }

    [Test]
    public async Task Wait_ServerStops_RequestEnds()
    {
        var id = await SubmitAsync(new SubmitTaskRequest { Argv = ["sh", "-c", "echo up; sleep 30"] });
        await _tasks.WaitForFirstOutputAsync(id);
        var waiting = _client.PostAsync($"/v1/tasks/{id}/wait", null);

        await _server.StopAsync();

        // The wait ends (a hang fails the test by its time limit): with 503 when the request had arrived, or with
        // a refused or reset connection when the server went first.
        try
        {
            using var response = await waiting;
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        }
        catch (HttpRequestException)
        {
            Assert.That(_server.IsRunning, Is.False);
        }
    }

    [Test]
    public async Task Wait_LongerThanTheServerTimeouts_StillAnswers()
    {
        var options = new ControlServerOptions
        {
            SocketPath = _directory.PathOf("short.sock"),
            KeepAliveTimeout = TimeSpan.FromMilliseconds(100),
            RequestHeadersTimeout = TimeSpan.FromMilliseconds(100),
        };
        await using var server = new ControlServer(new FakeNodeControl(), _tasks.Service, options, NullLoggerFactory.Instance);
        await server.StartAsync();
        using var client = UnixSocketHttp.Create(options.SocketPath);
        var id = await SubmitAsync(new SubmitTaskRequest { Argv = ["sleep", "1"] });

        using var waited = await client.PostAsync($"/v1/tasks/{id}/wait", null);

        Assert.That(waited.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await waited.Content.ReadFromJsonAsync(ControlJsonContext.Default.TaskStatusView))!.State, Is.EqualTo("succeeded"));
    }

    [Test]
    public async Task TaskRoutes_WithoutTaskService_503()
    {
        await using var server = new ControlServer(new FakeNodeControl(), new ControlServerOptions { SocketPath = _directory.PathOf("plain.sock") }, NullLoggerFactory.Instance);
        await server.StartAsync();
        using var client = UnixSocketHttp.Create(_directory.PathOf("plain.sock"));

        using var response = await client.GetAsync("/v1/tasks");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
    }

    private Task<HttpResponseMessage> PostAsync(SubmitTaskRequest request) =>
        _client.PostAsync("/v1/tasks", new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(request, ControlJsonContext.Default.SubmitTaskRequest)));

    private async Task<string> SubmitAsync(SubmitTaskRequest request)
    {
        using var response = await PostAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync(ControlJsonContext.Default.SubmitTaskResponse))!.Ids[0];
    }

    private static async Task<ErrorView> ErrorAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync(ControlJsonContext.Default.ErrorView))!;

    private static async Task<List<TaskOutputView>> ReadLinesAsync(HttpResponseMessage response)
    {
        var lines = new List<TaskOutputView>();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        while (await reader.ReadLineAsync() is { } line)
        {
            lines.Add(JsonSerializer.Deserialize(line, ControlJsonContext.Default.TaskOutputView)!);
        }

        return lines;
    }
}
