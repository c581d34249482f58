using System.Security.Cryptography;
using System.Text;
using Mesh.Core.Execution;
using Mesh.Core.Tasks;
using Mesh.Core.Tasks.Wire;
using Mesh.Tests.Core.Execution;
using static Mesh.Tests.Core.Remote.Guests.GuestHostHarness;

namespace Mesh.Tests.Core.Remote.Guests;

public sealed class GuestTaskHostRunTests
{
    [Test]
    public async Task ServeAsync_RealProcess_StreamsOutputWithOffsetsAndEndsWithExitCode()
    {
        using var executor = new ExecutorHarness();
        await using var harness = new GuestHostHarness(executor.Executor);
        var request = Request("/bin/sh", "-c", "echo hi; echo err >&2; exit 3");
        var (origin, serving) = harness.Serve(request);

        var accepted = await ReadAsync(origin);
        var (chunks, result) = await ReadUntilResultAsync(origin);

        Assert.That(accepted, Is.TypeOf<RunAcceptedMessage>());
        Assert.That(Text(chunks, OutputStreamKind.Stdout), Is.EqualTo("hi\n"));
        Assert.That(Text(chunks, OutputStreamKind.Stderr), Is.EqualTo("err\n"));
        Assert.That(chunks.All(chunk => chunk.Offset == 0), Is.True, "each stream's single chunk starts at 0");
        Assert.That(result.Result.Reason, Is.EqualTo(TaskEndReason.Exited));
        Assert.That(result.Result.ExitCode, Is.EqualTo(3));
        Assert.That(result.Result.Usage.WallTime, Is.GreaterThan(TimeSpan.Zero));
        Assert.That(harness.Results.PendingFor(Origin), Has.Count.EqualTo(1), "stored before it was sent");

        await SendAsync(origin, new ResultAckMessage(request.Attempt, request.Task, true));
        await CompletesAsync(serving);

        Assert.That(harness.Results.PendingFor(Origin), Is.Empty);
        Assert.That(Directory.Exists(harness.Options.WorkDirectory) && Directory.EnumerateFileSystemEntries(harness.Options.WorkDirectory).Any(), Is.False);
        Assert.That(Directory.EnumerateDirectories(executor.Options.WorkRoot).Any(), Is.False, "the working directory is removed");
        Assert.That(harness.Host.Running, Is.Zero);
    }

    [Test]
    public async Task ServeAsync_FakeExecutor_ReportsUsageAndLoadChanges()
    {
        await using var harness = new GuestHostHarness(FakeExecutor.Exiting(0));
        var changes = 0;
        harness.Host.LoadChanged += (_, _) => Interlocked.Increment(ref changes);
        var request = Request("true");
        var (origin, serving) = harness.Serve(request);

        await ReadAsync(origin);
        var (_, result) = await ReadUntilResultAsync(origin);
        var slotsWhileAwaitingAck = harness.Slots.Used;
        await SendAsync(origin, new ResultAckMessage(request.Attempt, request.Task, true));
        await CompletesAsync(serving);

        Assert.That(slotsWhileAwaitingAck, Is.Zero, "the slots are given back when the process ends, not after the ack");
        Assert.That(result.Result.Usage, Is.EqualTo(new TaskUsage(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1.5), 4096)));
        Assert.That(changes, Is.EqualTo(2), "one when it started, one when it ended");
        Assert.That(harness.Slots.Used, Is.Zero);
    }

    [Test]
    public async Task ServeAsync_TinyCredit_SendsNoMoreThanGrantedUntilMoreComes()
    {
        var written = new TaskCompletionSource<Task>(TaskCreationOptions.RunContinuationsAsynchronously);
        var executor = new FakeExecutor(async (request, cancellationToken) =>
        {
            var write = request.Output.WriteAsync(new Mesh.Core.Execution.OutputChunk(OutputStreamKind.Stdout, 0, Encoding.ASCII.GetBytes("0123456789")), cancellationToken).AsTask();
            written.SetResult(write);
            await write;
            return FakeExecutor.Result(ExecutionOutcome.Exited, 0);
        });
        await using var harness = new GuestHostHarness(executor);
        var request = Request("true");
        var (origin, serving) = harness.Serve(request, initialCredit: 3);

        await ReadAsync(origin);
        var first = (OutputChunkMessage)(await ReadAsync(origin))!;
        var write = await written.Task;

        Assert.That(first.Data.Length, Is.EqualTo(3));
        Assert.That(write.IsCompleted, Is.False, "the task's write waits for credit");

        await SendAsync(origin, new OutputCreditMessage(request.Attempt, 100));
        var second = (OutputChunkMessage)(await ReadAsync(origin))!;

        Assert.That(second.Offset, Is.EqualTo(3));
        Assert.That(Encoding.ASCII.GetString(second.Data.Span), Is.EqualTo("3456789"));
        Assert.That(await ReadAsync(origin), Is.TypeOf<RunResultMessage>());
        await SendAsync(origin, new ResultAckMessage(request.Attempt, request.Task, true));
        await CompletesAsync(serving);
    }

    [Test]
    public async Task ServeAsync_OutputFiles_ReturnedAfterResultWithTheirSha256()
    {
        var workingDirectory = Directory.CreateTempSubdirectory("mesh-guest-wd-").FullName;
        var content = Encoding.UTF8.GetBytes(new string('x', 300_000));
        var executor = new FakeExecutor(async (_, cancellationToken) =>
        {
            Directory.CreateDirectory(Path.Combine(workingDirectory, "out"));
            await File.WriteAllBytesAsync(Path.Combine(workingDirectory, "out", "a.txt"), content, cancellationToken);
            await File.WriteAllBytesAsync(Path.Combine(workingDirectory, "out", "empty.txt"), [], cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(workingDirectory, "other.log"), "not returned", cancellationToken);
            return FakeExecutor.Result(ExecutionOutcome.Exited, 0, workingDirectory: workingDirectory);
        });
        await using var harness = new GuestHostHarness(executor);
        var request = Request(new TaskSpec { Argv = ["true"], Outputs = ["out/*.txt"] });
        var (origin, serving) = harness.Serve(request);

        await ReadAsync(origin);
        var (_, result) = await ReadUntilResultAsync(origin);
        var files = await ReadFilesAsync(origin, request.Attempt, result.Result.Outputs.Count);
        await SendAsync(origin, new ResultAckMessage(request.Attempt, request.Task, true));
        await CompletesAsync(serving);

        Assert.That(result.Result.Outputs.Select(file => file.Name), Is.EqualTo(new[] { "out/a.txt", "out/empty.txt" }));
        Assert.That(result.Result.Outputs[0].Sha256, Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(content))));
        Assert.That(files["out/a.txt"], Is.EqualTo(content));
        Assert.That(files["out/empty.txt"], Is.Empty);
        Assert.That(Directory.Exists(workingDirectory), Is.False, "the executor's working directory is removed");
    }

    [Test]
    public async Task ServeAsync_Cancel_KillsAndReportsCancelled()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var harness = new GuestHostHarness(FakeExecutor.UntilKilled(started));
        var request = Request("sleep", "100");
        var (origin, serving) = harness.Serve(request);

        await ReadAsync(origin);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(5));
        await SendAsync(origin, new CancelMessage(request.Attempt));
        var (_, result) = await ReadUntilResultAsync(origin);
        await SendAsync(origin, new ResultAckMessage(request.Attempt, request.Task, false));
        await CompletesAsync(serving);

        Assert.That(result.Result.Reason, Is.EqualTo(TaskEndReason.Cancelled));
        Assert.That(result.Result.Signal, Is.EqualTo(9));
        Assert.That(harness.Results.PendingFor(Origin), Is.Empty);
    }

    [Test]
    public async Task ServeAsync_LeaseLost_KillsAndKeepsNoResult()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var harness = new GuestHostHarness(FakeExecutor.UntilKilled(started));
        var request = Request("sleep", "100");
        var (origin, serving) = harness.Serve(request);

        await ReadAsync(origin);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(5));
        await SendAsync(origin, new LeaseLostMessage(request.Attempt, "taken back"));
        var rest = await ReadToEndAsync(origin);
        await CompletesAsync(serving);

        Assert.That(rest.OfType<RunResultMessage>(), Is.Empty);
        Assert.That(harness.Results.PendingFor(Origin), Is.Empty);
        Assert.That(harness.Host.Running, Is.Zero);
        Assert.That(harness.Slots.Used, Is.Zero);
    }

    [Test]
    public async Task ServeAsync_ShortLease_SendsLeaseRenewWhileRunning()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var harness = new GuestHostHarness(FakeExecutor.UntilKilled(started));
        var request = Request(new TaskSpec { Argv = ["sleep", "100"] }, lease: TimeSpan.FromMilliseconds(30));
        var (origin, serving) = harness.Serve(request);

        await ReadAsync(origin);
        var renew = (LeaseRenewMessage)(await ReadAsync(origin))!;
        await SendAsync(origin, new LeaseRenewedMessage(request.Attempt, renew.Until));
        await SendAsync(origin, new CancelMessage(request.Attempt));
        var (_, result) = await ReadUntilResultAsync(origin);
        await SendAsync(origin, new ResultAckMessage(request.Attempt, request.Task, true));
        await CompletesAsync(serving);

        Assert.That(renew.Attempt, Is.EqualTo(request.Attempt));
        Assert.That(result.Result.Reason, Is.EqualTo(TaskEndReason.Cancelled));
    }

    [Test]
    public async Task ServeAsync_NoResultAckInTime_ResultKeptForRedelivery()
    {
        await using var harness = new GuestHostHarness(FakeExecutor.Exiting(0), configure: options => options.ResultAckTimeout = TimeSpan.FromMilliseconds(50));
        var request = Request("true");
        var (origin, serving) = harness.Serve(request);

        await ReadAsync(origin);
        await ReadUntilResultAsync(origin);
        await CompletesAsync(serving);

        Assert.That(harness.Results.PendingFor(Origin).Select(pending => pending.Attempt), Is.EqualTo(new[] { request.Attempt }));
        Assert.That(await ReadToEndAsync(origin), Is.Empty, "the executor aborted the stream");
    }

    [Test]
    public async Task DisposeAsync_WhileRunning_KillsTheAttemptAndKeepsNoResult()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var harness = new GuestHostHarness(FakeExecutor.UntilKilled(started));
        await using (harness)
        {
            var (origin, serving) = harness.Serve(Request("sleep", "100"));
            await ReadAsync(origin);
            await started.Task.WaitAsync(TimeSpan.FromSeconds(5));

            await harness.Host.DisposeAsync();

            Assert.That(serving.IsCompletedSuccessfully, Is.True);
            Assert.That(harness.Results.PendingFor(Origin), Is.Empty);
        }
    }

    internal static async Task<(List<OutputChunkMessage> Chunks, RunResultMessage Result)> ReadUntilResultAsync(InMemoryChannel origin)
    {
        var chunks = new List<OutputChunkMessage>();
        while (true)
        {
            var message = await ReadAsync(origin);
            switch (message)
            {
                case OutputChunkMessage chunk:
                    chunks.Add(chunk);
                    break;
                case RunResultMessage result:
                    return (chunks, result);
                case LeaseRenewMessage:
                    break;
                default:
                    Assert.Fail($"unexpected {message?.Type.ToString() ?? "end of stream"}");
                    break;
            }
        }
    }

    private static async Task<Dictionary<string, byte[]>> ReadFilesAsync(InMemoryChannel origin, AttemptId attempt, int count)
    {
        var files = new Dictionary<string, MemoryStream>();
        var done = 0;
        while (done < count)
        {
            var data = (OutputFileDataMessage)(await ReadAsync(origin))!;
            Assert.That(data.Attempt, Is.EqualTo(attempt));
            var file = files.TryGetValue(data.Name, out var existing) ? existing : files[data.Name] = new MemoryStream();
            Assert.That(data.Offset, Is.EqualTo(file.Length));
            Assert.That(data.Data.Length, Is.LessThanOrEqualTo(TaskWireLimits.Default.MaxChunkSize));
            file.Write(data.Data.Span);
            done += data.Last ? 1 : 0;
            if (!data.Last)
            {
                // The origin grants the bytes back as it stores them.
                await SendAsync(origin, new OutputCreditMessage(attempt, data.Data.Length));
            }
        }

        return files.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray());
    }

    private static string Text(List<OutputChunkMessage> chunks, OutputStreamKind stream) =>
        string.Concat(chunks.Where(chunk => chunk.Stream == stream).Select(chunk => Encoding.UTF8.GetString(chunk.Data.Span)));
}
