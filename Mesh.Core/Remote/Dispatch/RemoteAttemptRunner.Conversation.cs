using Mesh.Core.Tasks;
using Mesh.Core.Tasks.Wire;

namespace Mesh.Core.Remote.Dispatch;

/// <content>The conversation loop: one reader that handles each executor message in turn and is the only writer.</content>
public sealed partial class RemoteAttemptRunner
{
    private async Task<RemoteAttemptOutcome> ConverseAsync(RemoteConversation conversation, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                var message = await ReadNextAsync(conversation, stop).ConfigureAwait(false);
                if (await HandleAsync(conversation, message).ConfigureAwait(false) is { } outcome)
                {
                    return outcome;
                }
            }
        }
        catch (TaskProtocolException ex)
        {
            LogViolation(_logger, conversation.Task.ToString(), conversation.Attempt.ToString(), conversation.Peer, ex.Message);
            return Break(conversation, $"protocol violation by {conversation.Peer}: {ex.Message}");
        }
        catch (ConversationBrokenException ex)
        {
            return Break(conversation, ex.Message);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return Break(conversation, "the node stopped serving the attempt");
        }
        catch (OperationCanceledException ex)
        {
            // A read cancelled under us (a lower layer's CancelPendingRead): the stream is no use any more.
            return Break(conversation, $"the stream to {conversation.Peer} was cancelled: {ex.Message}");
        }
        catch (Exception ex) when (IsStreamFailure(ex))
        {
            return Break(conversation, $"the stream to {conversation.Peer} broke: {ex.Message}");
        }
        finally
        {
            conversation.Files?.Dispose();
        }
    }

    /// <summary>Reads the next executor message, sending Cancel when the attempt's kill token fires, within the silence and cancel deadlines.</summary>
    /// <exception cref="ConversationBrokenException">The executor was silent too long, or did not report within the cancel grace.</exception>
    /// <exception cref="IOException">The executor ended the stream.</exception>
    private async Task<TaskMessage> ReadNextAsync(RemoteConversation conversation, CancellationToken stop)
    {
        var kill = conversation.Kill;
        while (true)
        {
            var wait = _options.PeerSilenceTimeout;
            var cancelling = conversation.CancelDeadline is not null;
            if (conversation.CancelDeadline is { } deadline)
            {
                var left = deadline - _time.GetUtcNow();
                if (left <= TimeSpan.Zero)
                {
                    throw new ConversationBrokenException($"{conversation.Peer} sent no result within {_options.CancelGrace} of the Cancel");
                }

                wait = left < wait ? left : wait;
            }

            using var timer = new CancellationTokenSource(wait, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, stop, cancelling ? CancellationToken.None : kill);
            try
            {
                var message = await TaskWireStream.ReadAsync(conversation.Stream.Input, _options.WireLimits, linked.Token).ConfigureAwait(false);
                return message ?? throw new IOException($"{conversation.Peer} ended the stream before the attempt's end");
            }
            catch (OperationCanceledException) when (!stop.IsCancellationRequested && !cancelling && kill.IsCancellationRequested)
            {
                // Contract "Fresh run" 4: the task was cancelled; the executor kills it and reports a Cancelled result.
                conversation.CancelDeadline = _time.GetUtcNow() + _options.CancelGrace;
                LogCancelSent(_logger, conversation.Task.ToString(), conversation.Attempt.ToString(), conversation.Peer);
                await SendAsync(conversation, new CancelMessage(conversation.Attempt)).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!stop.IsCancellationRequested && timer.IsCancellationRequested)
            {
                if (!cancelling)
                {
                    throw new ConversationBrokenException($"{conversation.Peer} sent nothing for {_options.PeerSilenceTimeout}");
                }
            }
        }
    }

    /// <summary>Handles one message in the conversation's phase.</summary>
    /// <returns>The attempt's outcome when the message ended the conversation; otherwise null.</returns>
    /// <exception cref="TaskProtocolException">The message has no place here.</exception>
    private async Task<RemoteAttemptOutcome?> HandleAsync(RemoteConversation conversation, TaskMessage message)
    {
        if (AttemptOf(message) is not { } attempt)
        {
            throw new TaskProtocolException($"{message.Type} is not an executor's message in a run conversation");
        }

        if (attempt != conversation.Attempt)
        {
            throw new TaskProtocolException($"{message.Type} for attempt {attempt}, the conversation's attempt is {conversation.Attempt}");
        }

        switch (conversation.Phase, message)
        {
            case (ConversationPhase.AwaitingAcceptance, RunRefusedMessage refused):
                return await RefusedAsync(conversation, refused).ConfigureAwait(false);
            case (ConversationPhase.AwaitingAcceptance, RunAcceptedMessage accepted):
                CheckTask(conversation, accepted.Task, message);
                conversation.Phase = ConversationPhase.Running;
                LogAccepted(_logger, conversation.Task.ToString(), conversation.Attempt.ToString(), conversation.Peer);
                return null;
            case (ConversationPhase.Running, InputRequestMessage request):
                return await SendInputsAsync(conversation, request).ConfigureAwait(false);
            case (ConversationPhase.Running, OutputChunkMessage chunk):
                return await StoreOutputAsync(conversation, chunk).ConfigureAwait(false);
            case (ConversationPhase.Running or ConversationPhase.ReceivingFiles, LeaseRenewMessage renew):
                return await RenewLeaseAsync(conversation, renew).ConfigureAwait(false);
            case (ConversationPhase.Running, RunResultMessage result):
                CheckTask(conversation, result.Task, message);
                CheckRecord(conversation, result);
                return conversation.Journaled is null
                    ? await TakeResultAsync(conversation, result.Result).ConfigureAwait(false)
                    : await TakeJournaledResultAsync(conversation, result.Result).ConfigureAwait(false);
            case (ConversationPhase.ReceivingFiles, OutputFileDataMessage data):
                return await TakeFileDataAsync(conversation, data).ConfigureAwait(false);
            default:
                throw new TaskProtocolException($"{message.Type} has no place while {conversation.Phase}");
        }
    }

    private async Task<RemoteAttemptOutcome> RefusedAsync(RemoteConversation conversation, RunRefusedMessage refused)
    {
        CheckTask(conversation, refused.Task, refused);
        LogRefused(_logger, conversation.Task.ToString(), conversation.Attempt.ToString(), conversation.Peer, refused.Reason.ToString(), refused.Message);
        await CloseAsync(conversation).ConfigureAwait(false);
        return RemoteAttemptOutcome.Refused(refused.Reason, refused.Message);
    }

    private static void CheckTask(RemoteConversation conversation, TaskId task, TaskMessage message)
    {
        if (task != conversation.Task)
        {
            throw new TaskProtocolException($"{message.Type} names task {task}, the attempt's task is {conversation.Task}");
        }
    }

    /// <summary>The attempt an executor message is about (key 0); null for messages that carry none.</summary>
    private static AttemptId? AttemptOf(TaskMessage message) => message switch
    {
        RunAcceptedMessage m => m.Attempt,
        RunRefusedMessage m => m.Attempt,
        InputRequestMessage m => m.Attempt,
        OutputChunkMessage m => m.Attempt,
        LeaseRenewMessage m => m.Attempt,
        RunResultMessage m => m.Attempt,
        OutputFileDataMessage m => m.Attempt,
        _ => null,
    };
}
