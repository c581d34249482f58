using Mesh.Core.Tasks;
using Mesh.Core.Tasks.Wire;

namespace Mesh.Tests.Core.Remote.Dispatch;

/// <summary>The executor's end of a run stream, played by hand.</summary>
internal sealed class ExecutorSide(InMemoryChannel channel)
{
    // A guard against a hung test only; no test asserts on time.
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);

    public InMemoryChannel Channel { get; } = channel;

    public async Task<T> ReadAsync<T>()
        where T : TaskMessage
    {
        var message = await TaskWireStream.ReadAsync(Channel.Input).AsTask().WaitAsync(Guard);
        Assert.That(message, Is.InstanceOf<T>());
        return (T)message!;
    }

    public async Task SendAsync(TaskMessage message) => await TaskWireStream.WriteAsync(Channel.Output, message);

    public async Task SendRawAsync(byte[] bytes)
    {
        await Channel.Output.WriteAsync(bytes);
    }

    public async Task CloseAsync() => await Channel.CloseWriteAsync();

    /// <summary>Reads the RunRequest and the initial credit, answers RunAccepted.</summary>
    public async Task<RunRequestMessage> AcceptAsync(DateTimeOffset leaseUntil)
    {
        var request = await ReadAsync<RunRequestMessage>();
        await ReadAsync<OutputCreditMessage>();
        await SendAsync(new RunAcceptedMessage(request.Attempt, request.Task, leaseUntil));
        return request;
    }

    /// <summary>Reads what the origin still sends until it ends or resets the stream.</summary>
    public async Task<(List<TaskMessage> Messages, bool Reset)> ReadToEndAsync()
    {
        var messages = new List<TaskMessage>();
        try
        {
            while (await TaskWireStream.ReadAsync(Channel.Input).AsTask().WaitAsync(Guard) is { } message)
            {
                messages.Add(message);
            }

            return (messages, false);
        }
        catch (IOException)
        {
            return (messages, true);
        }
    }

    /// <summary>Sends a result and answers nothing else.</summary>
    public Task SendResultAsync(AttemptId attempt, TaskId task, TaskResult result) => SendAsync(new RunResultMessage(attempt, task, result));
}
