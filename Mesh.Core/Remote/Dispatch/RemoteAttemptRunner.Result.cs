using Mesh.Core.Tasks;
using Mesh.Core.Tasks.Wire;

namespace Mesh.Core.Remote.Dispatch;

/// <content>The result and its files, recorded and acknowledged (contract "Fresh run" 6-8); shared by fresh runs and redeliveries.</content>
public sealed partial class RemoteAttemptRunner
{
    private async Task<RemoteAttemptOutcome?> TakeResultAsync(RemoteConversation conversation, TaskResult result)
    {
        LogResultReceived(
            _logger, conversation.Task.ToString(), conversation.Attempt.ToString(), conversation.Peer, result.Reason.ToString(), result.ExitCode,
            result.Outputs.Count);
        if (result.Reason == TaskEndReason.Evicted)
        {
            return await EvictedAsync(conversation).ConfigureAwait(false);
        }

        conversation.Result = result;
        conversation.Files = new OutputFileReceiver(result.Outputs, conversation.Spec.OutputDirectory, _options);
        conversation.Phase = ConversationPhase.ReceivingFiles;
        return conversation.Files.IsComplete ? await RecordResultAsync(conversation).ConfigureAwait(false) : null;
    }

    private async Task<RemoteAttemptOutcome?> TakeFileDataAsync(RemoteConversation conversation, OutputFileDataMessage data)
    {
        SpendCredit(conversation, data.Data.Length, data);
        await conversation.Files!.ReceiveAsync(data, CancellationToken.None).ConfigureAwait(false);
        if (conversation.Files.IsComplete)
        {
            return conversation.Journaled is null
                ? await RecordResultAsync(conversation).ConfigureAwait(false)
                : await AnswerJournaledAsync(conversation).ConfigureAwait(false);
        }

        await GrantAsync(conversation, data.Data.Length).ConfigureAwait(false);
        return null;
    }

    private async Task<RemoteAttemptOutcome> RecordResultAsync(RemoteConversation conversation)
    {
        var files = conversation.Files!;
        var result = conversation.Result!;
        var problems = files.Summary();
        if (problems is not null)
        {
            LogFilesNotReturned(_logger, conversation.Task.ToString(), conversation.Attempt.ToString(), problems);
        }

        // Like a local attempt: the result lists the files the origin has; its message says which could not be returned.
        var recorded = result with
        {
            Outputs = files.Kept,
            Message = problems is null ? result.Message : result.Message is null ? problems : $"{result.Message}; {problems}",
        };
        var completion = _store.TryComplete(conversation.Task, conversation.Attempt, recorded);
        LogResultRecorded(_logger, conversation.Task.ToString(), conversation.Attempt.ToString(), completion.ToString());

        // Journaled (durable) before the ack: the executor forgets the result once it has the countersignature.
        var signature = completion == CompletionOutcome.Accepted ? await JournalAsync(conversation).ConfigureAwait(false) : ReadOnlyMemory<byte>.Empty;
        try
        {
            await SendAsync(conversation, new ResultAckMessage(conversation.Attempt, conversation.Task, completion == CompletionOutcome.Accepted, signature))
                .ConfigureAwait(false);
            await CloseAsync(conversation).ConfigureAwait(false);
            await DrainAsync(conversation).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsStreamFailure(ex))
        {
            // The result is recorded; an executor that missed the ack redelivers and is answered LeaseLost.
            LogAckFailed(_logger, conversation.Task.ToString(), conversation.Attempt.ToString(), conversation.Peer, ex.Message);
            conversation.Stream.Abort();
        }

        return RemoteAttemptOutcome.Completed(completion, recorded.Message);
    }

    /// <summary>
    /// An eviction (docs/protocol.md "Eviction"): not the task's result. The task goes back to the queue without spending
    /// a retry when the attempt is still current; the ack says whether it was. Files are not expected (whatever the
    /// executor still sends is drained and ignored).
    /// </summary>
    private async Task<RemoteAttemptOutcome> EvictedAsync(RemoteConversation conversation)
    {
        var reason = $"evicted by peer {conversation.Peer}: its owner needed the machine back";
        var returned = _store.TryReturnToQueue(conversation.Task, conversation.Attempt, reason);
        LogEvicted(_logger, conversation.Task.ToString(), conversation.Attempt.ToString(), conversation.Peer, returned);

        // The executor gave that time: an eviction taken back is a transaction too, journaled before the ack.
        var signature = returned ? await JournalAsync(conversation).ConfigureAwait(false) : ReadOnlyMemory<byte>.Empty;
        try
        {
            await SendAsync(conversation, new ResultAckMessage(conversation.Attempt, conversation.Task, returned, signature)).ConfigureAwait(false);
            await CloseAsync(conversation).ConfigureAwait(false);
            await DrainAsync(conversation).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsStreamFailure(ex))
        {
            // The task is back in the queue; an executor that missed the ack redelivers and is answered LeaseLost.
            LogAckFailed(_logger, conversation.Task.ToString(), conversation.Attempt.ToString(), conversation.Peer, ex.Message);
            conversation.Stream.Abort();
        }

        return returned ? RemoteAttemptOutcome.Evicted(reason) : RemoteAttemptOutcome.Completed(CompletionOutcome.Duplicate, "an eviction of an attempt that was no longer current");
    }

    /// <summary>Waits (at most the close timeout) for the executor to close its side after the ack, ignoring what it still sends.</summary>
    private async Task DrainAsync(RemoteConversation conversation)
    {
        using var timer = new CancellationTokenSource(_options.CloseTimeout, _time);
        try
        {
            while (true)
            {
                var read = await conversation.Stream.Input.ReadAsync(timer.Token).ConfigureAwait(false);
                conversation.Stream.Input.AdvanceTo(read.Buffer.End);
                if (read.IsCompleted || read.IsCanceled)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested)
        {
            conversation.Stream.Abort();
        }
    }
}
