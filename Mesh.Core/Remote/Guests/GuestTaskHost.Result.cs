using Mesh.Core.Execution;
using Mesh.Core.Scheduling;
using Mesh.Core.Tasks;
using Mesh.Core.Tasks.Wire;

namespace Mesh.Core.Remote.Guests;

/// <content>Steps 6 and 8: the result from the execution, its delivery with the output files, and the acknowledgement.</content>
public sealed partial class GuestTaskHost
{
    private async Task<TaskResult> ToTaskResultAsync(TaskSpec spec, ExecutionResult result, string folder, CancellationToken cancellationToken)
    {
        IReadOnlyList<TaskOutputFile> files = [];
        string? problem = null;
        if (result.WorkingDirectory is { } workingDirectory && spec.Outputs.Count > 0 && result.Outcome != ExecutionOutcome.Cancelled)
        {
            try
            {
                files = await OutputCollector.CollectAsync(workingDirectory, spec.Outputs, folder, _options.MaxOutputFiles, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                problem = $"output files could not be collected on the executor: {ex.Message}";
            }
        }

        return result.ToTaskResult(spec, files, problem);
    }

    private static TaskResult Evicted(TaskSpec spec, ExecutionResult execution) =>
        execution.ToTaskResult(spec, [], null) with
        {
            Reason = TaskEndReason.Evicted,
            ExitCode = null,
            Signal = null,
            Message = "evicted: the executor's owner needed the machine back",
        };

    /// <summary>
    /// Sends the stored result and its files and waits for the answer. True when it is settled (acknowledged, or the
    /// lease was lost: either way the result is forgotten and its folder deleted); false when the stream broke or the
    /// answer did not come in time, or the countersigned record could not be journaled (the result stays stored for redelivery).
    /// </summary>
    private async Task<bool> DeliverAsync(
        GuestConversation conversation, TaskResult result, RunResultJournal? journal, string folder, CancellationToken cancellationToken)
    {
        ResultAckMessage? ack;
        try
        {
            conversation.ExpectAck();
            await conversation.SendAsync(new RunResultMessage(conversation.Attempt, conversation.Task, result, journal), cancellationToken).ConfigureAwait(false);
            foreach (var file in result.Outputs)
            {
                await SendFileAsync(conversation, file, folder, cancellationToken).ConfigureAwait(false);
            }

            ack = await conversation.WaitForAckAsync(_options.ResultAckTimeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            ack = null;
        }
        catch (OperationCanceledException)
        {
            // The node is stopping: the stored result is redelivered after the restart.
            return false;
        }
#pragma warning disable CA1031 // A broken stream while delivering keeps the result for later; it must not fail the caller.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            conversation.Fail(GuestConversationEnd.Broken, $"sending the result failed: {ex.Message}");
            ack = null;
        }

        var task = conversation.Task.ToString();
        var attempt = conversation.Attempt.ToString();
        if (ack is null && conversation.End != GuestConversationEnd.LeaseLost)
        {
            LogDeliveryBroken(_logger, task, attempt, conversation.Problem ?? "no ResultAck in time");
            return false;
        }

        if (ack is not null)
        {
            // The origin's conversation ends here, so it may place its next task on this node without waiting for the
            // journal's fsync below. Nothing is lost if this node stops before it: the result is still stored, and a
            // redelivery is answered with the same countersignature (docs/protocol.md, "Journal signatures").
            await TryCloseWriteAsync(conversation, cancellationToken).ConfigureAwait(false);

            // The countersigned record goes into the journal BEFORE the result is forgotten: once deleted, nothing
            // could journal it again.
            if (!await JournalAckAsync(conversation.Task, conversation.Attempt, journal, ack, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }
        }

        _results.Acknowledge(conversation.Task, conversation.Attempt);
        GuestResultFolders.DeleteAttempt(folder);
        LogSettled(_logger, task, attempt, ack?.Accepted ?? false);
        return true;
    }

    private static async Task TryCloseWriteAsync(GuestConversation conversation, CancellationToken cancellationToken)
    {
        try
        {
            await conversation.CloseWriteAsync(cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The result is settled; a stream that fails to close now changes nothing.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private async Task SendFileAsync(GuestConversation conversation, TaskOutputFile file, string folder, CancellationToken cancellationToken)
    {
        TaskMessage Make(long offset, ReadOnlyMemory<byte> piece, bool last) => new OutputFileDataMessage(conversation.Attempt, file.Name, offset, piece, last);
        var path = Path.Combine(folder, file.Name);
        if (!File.Exists(path))
        {
            // Lost from the folder: an empty file tells the origin, whose size check then fails it visibly.
            await conversation.SendSpendingAsync(ReadOnlyMemory<byte>.Empty, 0, true, Make, cancellationToken).ConfigureAwait(false);
            return;
        }

        await using var content = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        var length = content.Length;
        var buffer = new byte[_limits.MaxChunkSize];
        long offset = 0;
        var sentLast = false;
        int read;
        while (!sentLast && (read = await content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            sentLast = offset + read >= length;
            await conversation.SendSpendingAsync(buffer.AsMemory(0, read), offset, sentLast, Make, cancellationToken).ConfigureAwait(false);
            offset += read;
        }

        if (!sentLast)
        {
            await conversation.SendSpendingAsync(ReadOnlyMemory<byte>.Empty, offset, true, Make, cancellationToken).ConfigureAwait(false);
        }
    }

    private void RemoveWorkingDirectory(string? workingDirectory)
    {
        if (workingDirectory is null)
        {
            return;
        }

        // WORKROOT/TASK/ATTEMPT: the task's folder goes too once its last attempt is gone.
        if (!GuestResultFolders.Delete(workingDirectory))
        {
            LogCleanupFailed(_logger, workingDirectory);
            return;
        }

        if (Path.GetDirectoryName(workingDirectory) is { } taskDirectory)
        {
            try
            {
                if (Directory.Exists(taskDirectory) && !Directory.EnumerateFileSystemEntries(taskDirectory).Any())
                {
                    Directory.Delete(taskDirectory);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                LogCleanupFailed(_logger, taskDirectory);
            }
        }
    }
}
