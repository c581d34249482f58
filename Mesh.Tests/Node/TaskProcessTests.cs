using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Mesh.Core.Control;
using Mesh.Tests.Node.Control;

namespace Mesh.Tests.Node;

/// <summary>A real <c>mesh-node</c> runs a task submitted over its control socket (mDNS off).</summary>
[TestFixture]
[NonParallelizable]
[CancelAfter(60_000)]
public sealed class TaskProcessTests
{
    private DirectoryInfo _work = null!;

    [SetUp]
    public void CreateWorkDir() => _work = Directory.CreateTempSubdirectory("mesh-task-");

    [TearDown]
    public void DeleteWorkDir() => _work.Delete(recursive: true);

    [Test]
    public async Task MeshNode_PostTask_StreamsOutputAndSucceeds()
    {
        var dataDir = Path.Combine(_work.FullName, "n");
        await using var node = NodeProcess.Start("--data-dir", dataDir, "--listen", "/ip4/127.0.0.1/tcp/0", "--no-mdns");
        await node.WaitForListenAddressAsync();
        var socket = Path.Combine(dataDir, "control.sock");
        Assert.That(await node.WaitForStdoutAsync("control API on unix:", TimeSpan.FromSeconds(30)), Is.True, node.Stderr);
        using var client = UnixSocketHttp.Create(socket);

        var input = Path.Combine(_work.FullName, "numbers.txt");
        await File.WriteAllTextAsync(input, "3\n1\n2\n");
        var outputDir = Path.Combine(_work.FullName, "out");
        using var submitted = await client.PostAsync("/v1/tasks", new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(
            new SubmitTaskRequest
            {
                Argv = ["sh", "-c", "echo hello from the mesh; echo $GREETING; sort numbers.txt > sorted.txt"],
                Env = new Dictionary<string, string> { ["GREETING"] = "hi" },
                Inputs = [input],
                Outputs = ["*.txt"],
                OutputDir = outputDir,
            },
            ControlJsonContext.Default.SubmitTaskRequest)));
        Assert.That(submitted.StatusCode, Is.EqualTo(HttpStatusCode.Created), await submitted.Content.ReadAsStringAsync());
        var id = (await submitted.Content.ReadFromJsonAsync(ControlJsonContext.Default.SubmitTaskResponse))!.Ids[0];

        using var output = await client.GetAsync($"/v1/tasks/{id}/output?follow=true", HttpCompletionOption.ResponseHeadersRead);
        var text = new StringBuilder();
        using (var reader = new StreamReader(await output.Content.ReadAsStreamAsync()))
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                text.Append(Encoding.UTF8.GetString(JsonSerializer.Deserialize(line, ControlJsonContext.Default.TaskOutputView)!.Data));
            }
        }

        using var waited = await client.PostAsync($"/v1/tasks/{id}/wait", null);
        var status = await waited.Content.ReadFromJsonAsync(ControlJsonContext.Default.TaskStatusView);
        var view = await client.GetFromJsonAsync("/v1/node", ControlJsonContext.Default.NodeView);

        // While a task runs, the node's own ledger row counts it.
        using var sleeper = await client.PostAsync("/v1/tasks", new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(
            new SubmitTaskRequest { Argv = ["sleep", "30"] }, ControlJsonContext.Default.SubmitTaskRequest)));
        var sleeperId = (await sleeper.Content.ReadFromJsonAsync(ControlJsonContext.Default.SubmitTaskResponse))!.Ids[0];
        PeerView? self = null;
        for (var i = 0; i < 100 && self?.Running != 1; i++)
        {
            await Task.Delay(50);
            var peers = await client.GetFromJsonAsync("/v1/peers", ControlJsonContext.Default.PeersView);
            self = peers!.Peers.Single(p => p.Id == peers.Self);
        }

        using var cancelled = await client.PostAsync($"/v1/tasks/{sleeperId}/cancel", null);

        Assert.Multiple(() =>
        {
            Assert.That(self!.Running, Is.EqualTo(1), "the ledger shows the running task");
            Assert.That(self.InUse.Cpu, Is.EqualTo(1));
            Assert.That(cancelled.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(text.ToString(), Is.EqualTo("hello from the mesh\nhi\n"));
            Assert.That(status!.State, Is.EqualTo("succeeded"), node.Stderr);
            Assert.That(status.ExitCode, Is.Zero);
            Assert.That(status.Executor, Is.EqualTo(view!.Id));
            Assert.That(view.Isolation, Is.Not.Empty);
            Assert.That(view.Isolation, Has.None.Contains("none yet"));
            Assert.That(File.Exists(Path.Combine(dataDir, "tasks.db")), Is.True);
            Assert.That(File.ReadAllText(Path.Combine(outputDir, "sorted.txt")), Is.EqualTo("1\n2\n3\n"), "staged in, returned out");
            Assert.That(File.ReadAllText(Path.Combine(outputDir, "numbers.txt")), Is.EqualTo("3\n1\n2\n"));
        });
    }
}
