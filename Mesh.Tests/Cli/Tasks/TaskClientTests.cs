using System.Net.Sockets;
using System.Text;
using Mesh.Cli.Client;
using Mesh.Core.Control;

namespace Mesh.Tests.Cli.Tasks;

/// <summary>The task endpoints of <see cref="UnixSocketControlClient"/> against the fake node's socket.</summary>
[TestFixture]
[CancelAfter(10_000)]
public sealed class TaskClientTests
{
    private const string Self = "12D3KooWSelf";
    private FakeTaskControl _tasks = null!;
    private FakeNodeControlSocket _socket = null!;
    private UnixSocketControlClient _client = null!;

    [SetUp]
    public void Start()
    {
        _tasks = new FakeTaskControl { NodeId = Self, MaxPageSize = 10 };
        _socket = FakeNodeControlSocket.StartWithTasks(_tasks, new NodeView { Id = Self, Name = "alpha" });
        _client = new UnixSocketControlClient(_socket.Path);
    }

    [TearDown]
    public async Task Stop()
    {
        _client.Dispose();
        await _socket.DisposeAsync();
    }

    [Test]
    public async Task Submit_Request_ArrivesWholeAndIdsComeBack()
    {
        var request = new SubmitTaskRequest
        {
            Argv = ["echo", "ü"],
            Env = new Dictionary<string, string> { ["A"] = "1" },
            Memory = 1024,
            Placement = "peer",
            Peer = "bravo",
            Array = "1-3",
        };

        var response = await _client.SubmitAsync(request);

        Assert.Multiple(() =>
        {
            Assert.That(response.Ids, Has.Count.EqualTo(3));
            Assert.That(_tasks.Submitted.Single().Argv, Is.EqualTo(new[] { "echo", "ü" }));
            Assert.That(_tasks.Submitted.Single().Env["A"], Is.EqualTo("1"));
            Assert.That(_tasks.Submitted.Single().Peer, Is.EqualTo("bravo"));
            Assert.That(_tasks.Get(response.Ids[2])!.State, Is.EqualTo("queued"));
        });
    }

    [Test]
    public void Submit_Refused_TheNodesOneLineMessage()
    {
        _tasks.RefuseWith = "no peer may run tasks of 12D3KooWSelf: bravo allows only listed peers";

        var ex = Assert.ThrowsAsync<ControlClientException>(() => _client.SubmitAsync(new SubmitTaskRequest { Argv = ["x"] }));

        Assert.That(ex!.Message, Is.EqualTo("no peer may run tasks of 12D3KooWSelf: bravo allows only listed peers"));
    }

    [Test]
    public void GetTask_Unknown_NoTaskAtThisNode()
    {
        var ex = Assert.ThrowsAsync<ControlClientException>(() => _client.GetTaskAsync("01jdq3v8k2x4c9n7m5r0t6w8yz"));

        Assert.That(ex!.Message, Is.EqualTo("no task 01jdq3v8k2x4c9n7m5r0t6w8yz at this node"));
    }

    [TestCase("wait")]
    [TestCase("cancel")]
    [TestCase("output")]
    public void TaskEndpoint_Unknown_NoTaskAtThisNode(string endpoint)
    {
        const string Id = "01jdq3v8k2x4c9n7m5r0t6w8yz";
        AsyncTestDelegate call = endpoint switch
        {
            "wait" => () => _client.WaitAsync(Id),
            "cancel" => () => _client.CancelAsync(Id),
            _ => async () =>
            {
                await foreach (var unused in _client.ReadOutputAsync(Id, 0, follow: true))
                {
                }
            },
        };

        var ex = Assert.ThrowsAsync<ControlClientException>(call);

        Assert.That(ex!.Message, Is.EqualTo($"no task {Id} at this node"));
    }

    [Test]
    public void ListTasks_BadState_TheNodesMessage()
    {
        var ex = Assert.ThrowsAsync<ControlClientException>(() => _client.ListTasksAsync("sleeping", null, 10));

        Assert.That(ex!.Message, Is.EqualTo("unknown state 'sleeping'"));
    }

    [Test]
    public async Task ListTasks_Pages_QueryCarriesStateAfterAndLimit()
    {
        var ids = (await _client.SubmitAsync(new SubmitTaskRequest { Argv = ["x"], Array = "1-15" })).Ids;

        var first = await _client.ListTasksAsync("queued", null, 500);
        var second = await _client.ListTasksAsync("queued", first.Next, 500);

        Assert.Multiple(() =>
        {
            Assert.That(first.Tasks.Select(t => t.Id), Is.EqualTo(ids.Take(10)));
            Assert.That(second.Tasks.Select(t => t.Id), Is.EqualTo(ids.Skip(10)));
            Assert.That(second.Next, Is.Null);
            Assert.That(_tasks.ListCalls, Is.EqualTo(new[] { ("queued", (string?)null, 500), ("queued", first.Next, 500) }));
        });
    }

    [Test]
    public async Task ReadOutput_LinesInSmallPieces_ChunksWholeAndInOrder()
    {
        var id = (await _client.SubmitAsync(new SubmitTaskRequest { Argv = ["x"] })).Ids[0];
        var binary = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        _tasks.Append(id, "stdout", "héllo\n");
        _tasks.Append(id, "stderr", binary);
        _tasks.Append(id, "notice", "output truncated");
        _tasks.Finish(id, "succeeded", 0);

        var chunks = new List<TaskOutputView>();
        await foreach (var chunk in _client.ReadOutputAsync(id, 0, follow: true))
        {
            chunks.Add(chunk);
        }

        Assert.Multiple(() =>
        {
            Assert.That(chunks.Select(c => c.Stream), Is.EqualTo(new[] { "stdout", "stderr", "notice" }));
            Assert.That(Encoding.UTF8.GetString(chunks[0].Data), Is.EqualTo("héllo\n"));
            Assert.That(chunks[1].Data, Is.EqualTo(binary));
            Assert.That(chunks.Select(c => c.Seq), Is.Ordered.Ascending);
        });
    }

    [Test]
    public async Task ReadOutput_After_OnlyLaterChunks()
    {
        var id = (await _client.SubmitAsync(new SubmitTaskRequest { Argv = ["x"] })).Ids[0];
        _tasks.Append(id, "stdout", "one");
        _tasks.Append(id, "stdout", "two");

        var chunks = new List<TaskOutputView>();
        await foreach (var chunk in _client.ReadOutputAsync(id, 1, follow: false))
        {
            chunks.Add(chunk);
        }

        Assert.That(chunks.Select(c => Encoding.UTF8.GetString(c.Data)), Is.EqualTo(new[] { "two" }));
    }

    [Test]
    public async Task ReadOutput_Follow_ChunksArriveWhileTheTaskRuns()
    {
        var id = (await _client.SubmitAsync(new SubmitTaskRequest { Argv = ["x"] })).Ids[0];
        _tasks.Append(id, "stdout", "first");

        var seen = new List<string>();
        await foreach (var chunk in _client.ReadOutputAsync(id, 0, follow: true))
        {
            seen.Add(Encoding.UTF8.GetString(chunk.Data));
            if (seen.Count == 1)
            {
                // Only now does the rest exist: the stream must still be open.
                _tasks.Append(id, "stdout", "second");
                _tasks.Finish(id, "succeeded", 0);
            }
        }

        Assert.That(seen, Is.EqualTo(new[] { "first", "second" }));
    }

    [Test]
    public async Task ReadOutput_LineOverTheLimit_OneLineError()
    {
        var id = (await _client.SubmitAsync(new SubmitTaskRequest { Argv = ["x"] })).Ids[0];
        _tasks.Append(id, "stdout", new byte[4096]);
        using var client = new UnixSocketControlClient(_socket.Path, new ControlClientOptions { MaxOutputLineBytes = 1024 });

        var ex = Assert.ThrowsAsync<ControlClientException>(async () =>
        {
            await foreach (var unused in client.ReadOutputAsync(id, 0, follow: false))
            {
            }
        });

        Assert.That(ex!.Message, Does.Contain($"output line of task {id} longer than 1024 bytes"));
    }

    [Test]
    public async Task ReadOutput_MalformedLine_OneLineError()
    {
        var path = Path.Combine(Path.GetTempPath(), $"mesh-raw-{Guid.NewGuid().ToString("N")[..8]}.sock");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(1);
        var serving = Task.Run(async () =>
        {
            using var connection = await listener.AcceptAsync();
            var buffer = new byte[4096];
            await connection.ReceiveAsync(buffer, SocketFlags.None);
            await connection.SendAsync(Encoding.ASCII.GetBytes(
                "HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\nContent-Length: 12\r\nConnection: close\r\n\r\n{\"seq\":[1]}\n"), SocketFlags.None);
            connection.Shutdown(SocketShutdown.Send);
        });
        using var client = new UnixSocketControlClient(path);

        var ex = Assert.ThrowsAsync<ControlClientException>(async () =>
        {
            await foreach (var unused in client.ReadOutputAsync("t1", 0, follow: false))
            {
            }
        });
        await serving;
        File.Delete(path);

        Assert.That(ex!.Message, Is.EqualTo($"the node at {path} gave a malformed output line for task t1 (is it the same version as mesh?)"));
    }

    [Test]
    public async Task Wait_FinishesLater_ReturnsTheFinalStatus()
    {
        var id = (await _client.SubmitAsync(new SubmitTaskRequest { Argv = ["x"] })).Ids[0];

        var waiting = _client.WaitAsync(id);
        Assert.That(waiting.IsCompleted, Is.False);
        _tasks.Finish(id, "failed", 3, "12D3KooWPeer");
        var status = await waiting;

        Assert.Multiple(() =>
        {
            Assert.That(status.State, Is.EqualTo("failed"));
            Assert.That(status.ExitCode, Is.EqualTo(3));
            Assert.That(status.Executor, Is.EqualTo("12D3KooWPeer"));
        });
    }

    [Test]
    public async Task Cancel_Queued_CancelledAndSeenByTheNode()
    {
        var id = (await _client.SubmitAsync(new SubmitTaskRequest { Argv = ["x"] })).Ids[0];

        var status = await _client.CancelAsync(id);

        Assert.Multiple(() =>
        {
            Assert.That(status.State, Is.EqualTo("cancelled"));
            Assert.That(_tasks.CancelRequests, Is.EqualTo(new[] { id }));
        });
    }
}
