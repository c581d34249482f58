using System.Text;
using Mesh.Core.Tasks;
using Mesh.Core.Tasks.Wire;
using static Mesh.Tests.Core.Remote.Guests.GuestHostHarness;

namespace Mesh.Tests.Core.Remote.Guests;

public sealed class GuestTaskHostHostileTests
{
    private static readonly byte[] Content = Encoding.UTF8.GetBytes("the real content");
    private static readonly string ContentSha = GuestTaskHostInputTests.Sha(Content);

    public static IEnumerable<TestCaseData> HostileInputs()
    {
        yield return new TestCaseData((Func<AttemptId, TaskMessage>)(a => new InputDataMessage(a, new string('b', 64), 0, Content, true))).SetName("ServeAsync_InputDataForAShaNotRequested_ConversationEnds");
        yield return new TestCaseData((Func<AttemptId, TaskMessage>)(a => new InputDataMessage(a, ContentSha, 5, Content.AsMemory(5), true))).SetName("ServeAsync_InputDataSkippingAnOffset_ConversationEnds");
        yield return new TestCaseData((Func<AttemptId, TaskMessage>)(a => new InputDataMessage(a, ContentSha, 0, Encoding.UTF8.GetBytes("the real content and more"), true))).SetName("ServeAsync_InputDataPastTheDeclaredSize_ConversationEnds");
        yield return new TestCaseData((Func<AttemptId, TaskMessage>)(a => new ResultAckMessage(a, TaskId.Parse("01hzzzzzzzzzzzzzzzzzzzzzzz"), true))).SetName("ServeAsync_ResultAckInTheWrongPhase_ConversationEnds");
        yield return new TestCaseData((Func<AttemptId, TaskMessage>)(_ => new CancelMessage(AttemptId.New()))).SetName("ServeAsync_MessageForAnotherAttempt_ConversationEnds");
        yield return new TestCaseData((Func<AttemptId, TaskMessage>)(a => new RunAcceptedMessage(a, TaskId.Parse("01hzzzzzzzzzzzzzzzzzzzzzzz"), DateTimeOffset.UtcNow))).SetName("ServeAsync_ExecutorOnlyMessage_ConversationEnds");
    }

    [TestCaseSource(nameof(HostileInputs))]
    public async Task HostileMessageDuringInputs(Func<AttemptId, TaskMessage> hostile)
    {
        var executor = FakeExecutor.Exiting();
        await using var harness = new GuestHostHarness(executor);
        var request = Request(new TaskSpec { Argv = ["true"], Inputs = [new TaskInputFile("in", ContentSha, Content.Length)] });
        var (origin, serving) = harness.Serve(request);
        await ReadAsync(origin);
        await ReadAsync(origin);

        await SendAsync(origin, hostile(request.Attempt));
        var rest = await ReadToEndAsync(origin);
        await CompletesAsync(serving);

        Assert.That(rest.OfType<RunResultMessage>(), Is.Empty);
        Assert.That(executor.Requests, Is.Empty);
        Assert.That(harness.Results.PendingFor(Origin), Is.Empty);
        Assert.That(harness.Host.Running, Is.Zero);
        Assert.That(harness.Slots.Used, Is.Zero);
    }

    [Test]
    public async Task ServeAsync_GarbageBytesWhileRunning_KillsAndEndsWithoutThrowing()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var harness = new GuestHostHarness(FakeExecutor.UntilKilled(started));
        var (origin, serving) = harness.Serve(Request("sleep", "100"));
        await ReadAsync(origin);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(5));

        await origin.Output.WriteAsync(new byte[] { 0x05, 0xff, 0xfe, 0xfd, 0xfc, 0xfb, 0x00, 0x01 });
        var rest = await ReadToEndAsync(origin);
        await CompletesAsync(serving);

        Assert.That(rest.OfType<RunResultMessage>(), Is.Empty);
        Assert.That(harness.Host.Running, Is.Zero);
    }

    [Test]
    public async Task ServeAsync_OneHostileGuest_OtherGuestUnaffected()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var executor = new FakeExecutor(async (request, cancellationToken) =>
        {
            if (request.Argv[0] == "victim")
            {
                return await FakeExecutor.UntilKilled(started).ExecuteAsync(request, cancellationToken);
            }

            return FakeExecutor.Result(Mesh.Core.Execution.ExecutionOutcome.Exited, 0);
        });
        await using var harness = new GuestHostHarness(executor);
        var hostileRequest = Request("victim");
        var (hostile, hostileServing) = harness.Serve(hostileRequest);
        await ReadAsync(hostile);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(5));
        var request = Request("fine");
        var (origin, serving) = harness.Serve(request);
        await ReadAsync(origin);

        await SendAsync(hostile, new InputDataMessage(hostileRequest.Attempt, ContentSha, 0, Content, true));
        await ReadToEndAsync(hostile);
        await CompletesAsync(hostileServing);
        var (_, result) = await GuestTaskHostRunTests.ReadUntilResultAsync(origin);
        await SendAsync(origin, new ResultAckMessage(request.Attempt, request.Task, true));
        await CompletesAsync(serving);

        Assert.That(result.Result.ExitCode, Is.Zero);
    }

    [Test]
    public async Task ServeAsync_OriginClosesDuringInputs_EndsWithoutThrowing()
    {
        var executor = FakeExecutor.Exiting();
        await using var harness = new GuestHostHarness(executor);
        var request = Request(new TaskSpec { Argv = ["true"], Inputs = [new TaskInputFile("in", ContentSha, Content.Length)] });
        var (origin, serving) = harness.Serve(request);
        await ReadAsync(origin);
        await ReadAsync(origin);

        await origin.Output.CompleteAsync();
        await CompletesAsync(serving);

        Assert.That(executor.Requests, Is.Empty);
        Assert.That(harness.Slots.Used, Is.Zero);
    }

    [Test]
    public async Task ServeAsync_TokenCancelled_ThrowsOperationCanceled()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var harness = new GuestHostHarness(FakeExecutor.UntilKilled(started));
        var (origin, executorEnd) = ChannelPair.Create();
        var request = Request("sleep", "100");
        await SendAsync(origin, new OutputCreditMessage(request.Attempt, 1000));
        using var cancel = new CancellationTokenSource();
        var serving = harness.Host.ServeAsync(request, executorEnd, Origin, cancel.Token);
        await ReadAsync(origin);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(5));

        await cancel.CancelAsync();

        try
        {
            await serving.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (OperationCanceledException)
        {
            // The only exception ServeAsync may throw.
        }

        Assert.That(harness.Host.Running, Is.Zero);
        Assert.That(harness.Results.PendingFor(Origin), Is.Empty);
    }
}
