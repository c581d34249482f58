using Mesh.Core.Tasks;
using Mesh.Core.Tasks.Wire;

namespace Mesh.Tests.Core.Remote.Dispatch;

public sealed class RemoteAttemptRunnerFilesTests
{
    [Test]
    public async Task RunAsync_OutputFiles_WrittenToOutputDirectoryWithTheirContent()
    {
        using var harness = new DispatchHarness();
        var (record, attempt) = harness.Start();
        var big = new byte[300 * 1024];
        new Random(3).NextBytes(big);
        var small = "result\n"u8.ToArray();
        var manifest = new[] { DispatchHarness.FileOf("a.txt", small), DispatchHarness.FileOf("sub/dir/big.bin", big), DispatchHarness.FileOf("empty", []) };
        var run = harness.RunAsync(record, attempt);
        await harness.Executor.AcceptAsync(harness.Now);

        await harness.Executor.SendResultAsync(attempt, record.Id, new TaskResult { Reason = TaskEndReason.Exited, ExitCode = 0, Outputs = manifest });
        await harness.Executor.SendAsync(new OutputFileDataMessage(attempt, "a.txt", 0, small, true));
        await harness.Executor.SendAsync(new OutputFileDataMessage(attempt, "sub/dir/big.bin", 0, big.AsMemory(0, 256 * 1024), false));
        await harness.Executor.SendAsync(new OutputFileDataMessage(attempt, "sub/dir/big.bin", 256 * 1024, big.AsMemory(256 * 1024), true));
        await harness.Executor.SendAsync(new OutputFileDataMessage(attempt, "empty", 0, ReadOnlyMemory<byte>.Empty, true));
        var (messages, _) = await ReadUntilAckAsync(harness.Executor);
        var outcome = await run;

        var result = harness.Store.GetResult(record.Id)!;
        Assert.Multiple(() =>
        {
            Assert.That(messages.OfType<ResultAckMessage>().Single().Accepted, Is.True);
            Assert.That(messages.OfType<OutputCreditMessage>().Sum(credit => credit.Bytes), Is.EqualTo(small.Length + big.Length), "credit granted back for every chunk but the result's last");
            Assert.That(outcome.Completion, Is.EqualTo(CompletionOutcome.Accepted));
            Assert.That(File.ReadAllBytes(Path.Combine(harness.OutputDirectory, "a.txt")), Is.EqualTo(small));
            Assert.That(File.ReadAllBytes(Path.Combine(harness.OutputDirectory, "sub", "dir", "big.bin")), Is.EqualTo(big));
            Assert.That(File.ReadAllBytes(Path.Combine(harness.OutputDirectory, "empty")), Is.Empty);
            Assert.That(result.Outputs, Is.EqualTo(manifest));
            Assert.That(result.Message, Is.Null);
            Assert.That(Directory.GetFiles(harness.OutputDirectory, ".mesh-incoming-*", SearchOption.AllDirectories), Is.Empty);
        });
    }

    [Test]
    public async Task RunAsync_FileWithWrongSha_NotKeptAndResultMessageSaysSo()
    {
        using var harness = new DispatchHarness();
        var (record, attempt) = harness.Start();
        var content = "good"u8.ToArray();
        var lying = DispatchHarness.FileOf("bad.txt", content) with { Sha256 = new string('0', 64) };
        var good = DispatchHarness.FileOf("good.txt", content);
        var run = harness.RunAsync(record, attempt);
        await harness.Executor.AcceptAsync(harness.Now);

        await harness.Executor.SendResultAsync(attempt, record.Id, new TaskResult { Reason = TaskEndReason.Exited, ExitCode = 0, Outputs = [lying, good] });
        await harness.Executor.SendAsync(new OutputFileDataMessage(attempt, "bad.txt", 0, content, true));
        await harness.Executor.SendAsync(new OutputFileDataMessage(attempt, "good.txt", 0, content, true));
        await ReadUntilAckAsync(harness.Executor);
        var outcome = await run;

        var result = harness.Store.GetResult(record.Id)!;
        Assert.Multiple(() =>
        {
            Assert.That(File.Exists(Path.Combine(harness.OutputDirectory, "bad.txt")), Is.False);
            Assert.That(File.Exists(Path.Combine(harness.OutputDirectory, "good.txt")), Is.True);
            Assert.That(result.Outputs, Is.EqualTo(new[] { good }));
            Assert.That(result.Message, Does.Contain("bad.txt").And.Contain("SHA-256"));
            Assert.That(outcome.Message, Is.EqualTo(result.Message));
            Assert.That(Directory.GetFiles(harness.OutputDirectory, ".mesh-incoming-*", SearchOption.AllDirectories), Is.Empty);
        });
    }

    [Test]
    public async Task RunAsync_UnsafeNames_NothingWrittenOutsideAndMessageNamesThem()
    {
        using var harness = new DispatchHarness();
        var (record, attempt) = harness.Start();
        var content = "x"u8.ToArray();
        var escape = "../escape-" + Guid.NewGuid().ToString("N");
        var rooted = Path.Combine(Path.GetTempPath(), "mesh-rooted-" + Guid.NewGuid().ToString("N"));
        var names = new[] { escape, rooted, "", "a//b", "ok.txt", "ok.txt" };
        var manifest = names.Select(name => DispatchHarness.FileOf(name, content)).ToArray();
        var run = harness.RunAsync(record, attempt);
        await harness.Executor.AcceptAsync(harness.Now);

        await harness.Executor.SendResultAsync(attempt, record.Id, new TaskResult { Reason = TaskEndReason.Exited, ExitCode = 0, Outputs = manifest });
        foreach (var name in names)
        {
            await harness.Executor.SendAsync(new OutputFileDataMessage(attempt, name, 0, content, true));
        }

        var (messages, _) = await ReadUntilAckAsync(harness.Executor);
        await run;

        var result = harness.Store.GetResult(record.Id)!;
        Assert.Multiple(() =>
        {
            Assert.That(messages.OfType<ResultAckMessage>().Single().Accepted, Is.True);
            Assert.That(File.Exists(Path.Combine(harness.OutputDirectory, escape)), Is.False);
            Assert.That(File.Exists(rooted), Is.False);
            Assert.That(Directory.GetFiles(harness.OutputDirectory, "*", SearchOption.AllDirectories), Is.EqualTo(new[] { Path.Combine(harness.OutputDirectory, "ok.txt") }));
            Assert.That(result.Outputs.Select(file => file.Name), Is.EqualTo(new[] { "ok.txt" }));
            Assert.That(result.Message, Does.Contain("unsafe name").And.Contain("named twice"));
        });
    }

    [Test]
    public async Task RunAsync_ManifestOverMaxOutputFiles_KeepsTheFirstAndSaysSo()
    {
        using var harness = new DispatchHarness(options => options.MaxOutputFiles = 1);
        var (record, attempt) = harness.Start();
        var content = "x"u8.ToArray();
        var run = harness.RunAsync(record, attempt);
        await harness.Executor.AcceptAsync(harness.Now);

        var manifest = new[] { DispatchHarness.FileOf("one", content), DispatchHarness.FileOf("two", content) };
        await harness.Executor.SendResultAsync(attempt, record.Id, new TaskResult { Reason = TaskEndReason.Exited, ExitCode = 0, Outputs = manifest });
        await harness.Executor.SendAsync(new OutputFileDataMessage(attempt, "one", 0, content, true));
        await harness.Executor.SendAsync(new OutputFileDataMessage(attempt, "two", 0, content, true));
        await ReadUntilAckAsync(harness.Executor);
        await run;

        var result = harness.Store.GetResult(record.Id)!;
        Assert.Multiple(() =>
        {
            Assert.That(File.Exists(Path.Combine(harness.OutputDirectory, "one")), Is.True);
            Assert.That(File.Exists(Path.Combine(harness.OutputDirectory, "two")), Is.False);
            Assert.That(result.Message, Does.Contain("only the first 1"));
        });
    }

    [Test]
    public async Task RunAsync_DirectoryOnTheWayIsSymbolicLink_FileNotWrittenThroughIt()
    {
        using var harness = new DispatchHarness();
        var outside = Path.Combine(harness.Tasks.Directory, "outside");
        Directory.CreateDirectory(outside);
        Directory.CreateDirectory(harness.OutputDirectory);
        Directory.CreateSymbolicLink(Path.Combine(harness.OutputDirectory, "link"), outside);
        var (record, attempt) = harness.Start();
        var content = "x"u8.ToArray();
        var run = harness.RunAsync(record, attempt);
        await harness.Executor.AcceptAsync(harness.Now);

        await harness.Executor.SendResultAsync(
            attempt, record.Id, new TaskResult { Reason = TaskEndReason.Exited, ExitCode = 0, Outputs = [DispatchHarness.FileOf("link/f", content)] });
        await harness.Executor.SendAsync(new OutputFileDataMessage(attempt, "link/f", 0, content, true));
        await ReadUntilAckAsync(harness.Executor);
        await run;

        Assert.Multiple(() =>
        {
            Assert.That(Directory.GetFileSystemEntries(outside), Is.Empty);
            Assert.That(harness.Store.GetResult(record.Id)!.Message, Does.Contain("link/f").And.Contain("symbolic link"));
        });
    }

    [Test]
    public async Task RunAsync_NoOutputDirectory_FilesReadAndDroppedWithoutProblem()
    {
        using var harness = new DispatchHarness();
        var (record, attempt) = harness.Start(harness.Spec() with { OutputDirectory = null });
        var content = "x"u8.ToArray();
        var run = harness.RunAsync(record, attempt);
        await harness.Executor.AcceptAsync(harness.Now);

        await harness.Executor.SendResultAsync(
            attempt, record.Id, new TaskResult { Reason = TaskEndReason.Exited, ExitCode = 0, Outputs = [DispatchHarness.FileOf("f", content)] });
        await harness.Executor.SendAsync(new OutputFileDataMessage(attempt, "f", 0, content, true));
        var (messages, _) = await ReadUntilAckAsync(harness.Executor);
        await run;

        var result = harness.Store.GetResult(record.Id)!;
        Assert.Multiple(() =>
        {
            Assert.That(messages.OfType<ResultAckMessage>().Single().Accepted, Is.True);
            Assert.That(Directory.Exists(harness.OutputDirectory), Is.False);
            Assert.That(result.Outputs, Is.Empty);
            Assert.That(result.Message, Is.Null);
        });
    }

    internal static async Task<(List<TaskMessage> Messages, bool Reset)> ReadUntilAckAsync(ExecutorSide executor)
    {
        var messages = new List<TaskMessage>();
        while (messages.Count == 0 || messages[^1] is not ResultAckMessage)
        {
            messages.Add(await executor.ReadAsync<TaskMessage>());
        }

        await executor.CloseAsync();
        var (rest, reset) = await executor.ReadToEndAsync();
        messages.AddRange(rest);
        return (messages, reset);
    }
}
