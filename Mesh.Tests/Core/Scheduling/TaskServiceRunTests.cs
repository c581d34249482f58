using System.Security.Cryptography;
using Mesh.Core.Control;
using Mesh.Core.Tasks;

namespace Mesh.Tests.Core.Scheduling;

/// <summary>Tasks run on this node through a real executor: output, exit codes, files, cancel, timeout, arrays, slots.</summary>
[TestFixture]
[CancelAfter(15_000)]
public sealed class TaskServiceRunTests
{
    private TaskServiceHarness _harness = null!;

    [SetUp]
    public async Task Start() => _harness = await TaskServiceHarness.CreateAsync();

    [TearDown]
    public async Task Stop() => await _harness.DisposeAsync();

    [Test]
    public async Task Submit_EchoAndExit3_OutputStreamsAndExitCodeRecorded()
    {
        var id = await _harness.SubmitAsync("sh", "-c", "echo hello; echo oops >&2; exit 3");

        var status = await _harness.WaitAsync(id);
        var output = await _harness.OutputAsync(id);

        Assert.Multiple(() =>
        {
            Assert.That(status.State, Is.EqualTo("failed"));
            Assert.That(status.ExitCode, Is.EqualTo(3));
            Assert.That(status.Executor, Is.EqualTo(TaskServiceHarness.Self));
            Assert.That(status.Origin, Is.EqualTo(TaskServiceHarness.Self));
            Assert.That(status.Attempts, Is.EqualTo(1));
            Assert.That(output, Does.Contain("hello\n").And.Contain("oops\n"));
        });
    }

    [Test]
    public async Task Submit_True_Succeeds()
    {
        var id = await _harness.SubmitAsync("true");

        var status = await _harness.WaitAsync(id);

        Assert.That(status.State, Is.EqualTo("succeeded"));
        Assert.That(status.ExitCode, Is.Zero);
    }

    [Test]
    public async Task ReadOutput_Follow_StreamsUntilTheTaskEnds()
    {
        var id = await _harness.SubmitAsync("sh", "-c", "echo one; sleep 0.3; echo two");

        var output = await _harness.OutputAsync(id, follow: true);

        Assert.That(output, Is.EqualTo("one\ntwo\n"));
        Assert.That(_harness.Service.Get(id)!.State, Is.EqualTo("succeeded"));
    }

    [Test]
    public async Task Submit_LargeOutput_StoredWholeInOrder()
    {
        var id = await _harness.SubmitAsync("sh", "-c", "i=0; while [ $i -lt 3000 ]; do echo line-$i; i=$((i+1)); done");

        await _harness.WaitAsync(id);
        var lines = (await _harness.OutputAsync(id)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.That(lines, Is.EqualTo(Enumerable.Range(0, 3000).Select(i => $"line-{i}")));
    }

    [Test]
    public async Task Submit_InputAndOutputs_FilesRoundTripWithChecksums()
    {
        var input = _harness.PathOf("data.txt");
        await File.WriteAllTextAsync(input, "payload\n");
        var outputDir = _harness.PathOf("results");

        var response = await _harness.Service.SubmitAsync(new SubmitTaskRequest
        {
            Argv = ["sh", "-c", "cat data.txt data.txt > out.txt && mkdir -p sub && echo deep > sub/x.dat && echo no > skip.log"],
            Inputs = [input],
            Outputs = ["out.txt", "sub/*.dat"],
            OutputDir = outputDir,
        });
        var status = await _harness.WaitAsync(response.Ids[0]);
        var result = _harness.Store.GetResult(TaskId.Parse(response.Ids[0]))!;

        Assert.Multiple(() =>
        {
            Assert.That(status.State, Is.EqualTo("succeeded"));
            Assert.That(File.ReadAllText(Path.Combine(outputDir, "out.txt")), Is.EqualTo("payload\npayload\n"));
            Assert.That(File.ReadAllText(Path.Combine(outputDir, "sub", "x.dat")), Is.EqualTo("deep\n"));
            Assert.That(File.Exists(Path.Combine(outputDir, "skip.log")), Is.False);
            Assert.That(result.Outputs.Select(o => o.Name), Is.EqualTo(new[] { "out.txt", "sub/x.dat" }));
            Assert.That(result.Outputs[0].Sha256, Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(outputDir, "out.txt"))))));
            Assert.That(result.Outputs[0].Size, Is.EqualTo(16));
            Assert.That(Directory.Exists(Path.Combine(_harness.WorkRoot, response.Ids[0])), Is.False, "the working dir is removed");
        });
    }

    [Test]
    public async Task Submit_SameInputTwice_CachedOnce()
    {
        var input = _harness.PathOf("same.txt");
        await File.WriteAllTextAsync(input, "same content");

        var first = await _harness.Service.SubmitAsync(new SubmitTaskRequest { Argv = ["cat", "same.txt"], Inputs = [input] });
        var second = await _harness.Service.SubmitAsync(new SubmitTaskRequest { Argv = ["cat", "same.txt"], Inputs = [input] });
        await _harness.WaitAsync(first.Ids[0]);
        await _harness.WaitAsync(second.Ids[0]);

        var cached = Directory.GetFiles(_harness.CacheDirectory, "*", SearchOption.AllDirectories);
        Assert.That(cached, Has.Length.EqualTo(1));
        Assert.That(Path.GetFileName(cached[0]), Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData("same content"u8))));
        Assert.That(await _harness.OutputAsync(second.Ids[0]), Is.EqualTo("same content"));
    }

    [Test]
    public async Task Cancel_RunningSleep_KillsItAndMarksCancelled()
    {
        var id = await _harness.SubmitAsync("sh", "-c", "echo started; sleep 30");
        await _harness.WaitForFirstOutputAsync(id);

        var status = await _harness.Service.CancelAsync(id);

        Assert.Multiple(() =>
        {
            Assert.That(status!.State, Is.EqualTo("cancelled"));
            Assert.That(_harness.Service.Running, Is.Zero, "the attempt has ended when cancel answers");
            Assert.That(_harness.Service.Get(id)!.State, Is.EqualTo("cancelled"));
        });
    }

    [Test]
    public async Task Cancel_FinishedTask_ReturnsItUnchanged()
    {
        var id = await _harness.SubmitAsync("true");
        await _harness.WaitAsync(id);

        var status = await _harness.Service.CancelAsync(id);

        Assert.That(status!.State, Is.EqualTo("succeeded"));
    }

    [Test]
    public async Task Submit_Timeout_KillsAndFails()
    {
        var response = await _harness.Service.SubmitAsync(new SubmitTaskRequest { Argv = ["sleep", "30"], TimeoutSeconds = 0.5 });

        var status = await _harness.WaitAsync(response.Ids[0]);

        Assert.That(status.State, Is.EqualTo("failed"));
        Assert.That(_harness.Store.GetResult(TaskId.Parse(response.Ids[0]))!.Reason, Is.EqualTo(TaskEndReason.TimedOut));
    }

    [Test]
    public async Task Submit_MissingProgram_FailsWithReason()
    {
        var id = await _harness.SubmitAsync("no-such-program-here");

        var status = await _harness.WaitAsync(id);

        Assert.That(status.State, Is.EqualTo("failed"));
        Assert.That(_harness.Store.GetResult(TaskId.Parse(id))!.Message, Does.Contain("program not found"));
    }

    [Test]
    public async Task Submit_ArrayOf20_AllRunWithTheirIndex()
    {
        var response = await _harness.Service.SubmitAsync(new SubmitTaskRequest { Argv = ["echo", "item-{}"], Array = "1-20" });

        Assert.That(response.Ids, Has.Count.EqualTo(20));
        for (var i = 0; i < 20; i++)
        {
            Assert.That((await _harness.WaitAsync(response.Ids[i])).State, Is.EqualTo("succeeded"));
            Assert.That(await _harness.OutputAsync(response.Ids[i]), Is.EqualTo($"item-{i + 1}\n"));
        }
    }

    [Test]
    public async Task List_AfterArray_PagesOldestFirst()
    {
        var response = await _harness.Service.SubmitAsync(new SubmitTaskRequest { Argv = ["true"], Array = "1-5" });

        var first = _harness.Service.List(null, null, 3);
        var second = _harness.Service.List(null, first.Next, 3);

        Assert.That(first.Tasks.Select(t => t.Id).Concat(second.Tasks.Select(t => t.Id)), Is.EqualTo(response.Ids));
        Assert.That(second.Next, Is.Null);
    }

    [Test]
    public void List_UnknownState_IsRefused() =>
        Assert.That(() => _harness.Service.List("sleeping", null, 10), Throws.TypeOf<TaskRequestException>().With.Message.Contains("sleeping"));

    [Test]
    public async Task UnknownTask_GetWaitCancelNull_OutputThrows()
    {
        const string Unknown = "01jdq3v8k2x4c9n7m5r0t6w8yz";

        Assert.Multiple(async () =>
        {
            Assert.That(_harness.Service.Get(Unknown), Is.Null);
            Assert.That(_harness.Service.Get("not-an-id"), Is.Null);
            Assert.That(await _harness.Service.WaitAsync(Unknown), Is.Null);
            Assert.That(await _harness.Service.CancelAsync(Unknown), Is.Null);
        });
        Assert.That(async () => await _harness.OutputAsync(Unknown), Throws.TypeOf<KeyNotFoundException>());
    }
}
