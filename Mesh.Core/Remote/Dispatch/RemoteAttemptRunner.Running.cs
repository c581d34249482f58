using Mesh.Core.Tasks;
using Mesh.Core.Tasks.Wire;

namespace Mesh.Core.Remote.Dispatch;

/// <content>While the task runs: inputs the executor asks for, its output, its lease (contract "Fresh run" 3-4).</content>
public sealed partial class RemoteAttemptRunner
{
    private async Task<RemoteAttemptOutcome?> SendInputsAsync(RemoteConversation conversation, InputRequestMessage request)
    {
        // Contract "Fresh run" 3: one InputRequest, only shas of the spec's inputs.
        if (!conversation.InputsAllowed)
        {
            throw new TaskProtocolException("a second InputRequest, or one on a redelivery stream");
        }

        conversation.InputsAllowed = false;
        var specShas = conversation.Spec.Inputs.Select(input => input.Sha256).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var wanted = new List<string>(request.Sha256s.Count);
        foreach (var sha in request.Sha256s)
        {
            if (!specShas.Contains(sha))
            {
                throw new TaskProtocolException($"InputRequest for {sha}, which is not an input of the task");
            }

            if (!wanted.Contains(sha, StringComparer.OrdinalIgnoreCase))
            {
                wanted.Add(sha);
            }
        }

        LogInputsRequested(_logger, conversation.Task.ToString(), conversation.Attempt.ToString(), wanted.Count);
        foreach (var sha in wanted)
        {
            if (conversation.Kill.IsCancellationRequested)
            {
                // Cancelled while staging: the rest is not worth sending; the next read sends Cancel.
                break;
            }

            await SendInputAsync(conversation, sha.ToLowerInvariant()).ConfigureAwait(false);
        }

        return null;
    }

    private async Task SendInputAsync(RemoteConversation conversation, string sha256)
    {
        FileStream file;
        try
        {
            file = new FileStream(_cache.PathOf(sha256), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Not the executor's fault, but the conversation cannot go on without the input; the next attempt fails to start.
            throw new ConversationBrokenException($"input {sha256} could not be read from the cache: {ex.Message}");
        }

        await using (file.ConfigureAwait(false))
        {
            var length = file.Length;
            var buffer = new byte[(int)Math.Min(_options.WireLimits.MaxChunkSize, Math.Max(length, 1))];
            long offset = 0;
            do
            {
                var read = await file.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, length - offset))).ConfigureAwait(false);
                if (read == 0 && offset < length)
                {
                    throw new ConversationBrokenException($"input {sha256} in the cache is shorter than it was ({offset} of {length} bytes)");
                }

                var last = offset + read == length;
                await SendAsync(conversation, new InputDataMessage(conversation.Attempt, sha256, offset, buffer.AsMemory(0, read), last))
                    .ConfigureAwait(false);
                offset += read;
                if (last || conversation.Kill.IsCancellationRequested)
                {
                    break;
                }
            }
            while (true);
        }
    }

    private async Task<RemoteAttemptOutcome?> StoreOutputAsync(RemoteConversation conversation, OutputChunkMessage chunk)
    {
        SpendCredit(conversation, chunk.Data.Length, chunk);
        if (chunk.Stream is not (OutputStreamKind.Stdout or OutputStreamKind.Stderr))
        {
            // The store keeps its own notices only; an executor's notice is dropped, its credit given back.
            LogNoticeDropped(_logger, conversation.Task.ToString(), conversation.Attempt.ToString(), (int)chunk.Stream);
            await GrantAsync(conversation, chunk.Data.Length).ConfigureAwait(false);
            return null;
        }

        // Contract "Fresh run" 4: store, then grant back; a gap is a violation, a stale attempt loses its lease.
        var stored = _store.AppendOutput(conversation.Task, conversation.Attempt, chunk.Stream, chunk.Offset, chunk.Data);
        switch (stored.Outcome)
        {
            case OutputAppendOutcome.Gap:
                throw new TaskProtocolException($"{chunk.Stream} output at offset {chunk.Offset}, the stored output ends at {stored.NextOffset}");
            case OutputAppendOutcome.StaleAttempt or OutputAppendOutcome.NotFound:
                return await LeaseLostAsync(conversation, $"attempt {conversation.Attempt} is no longer current ({stored.Outcome})").ConfigureAwait(false);
            case OutputAppendOutcome.Appended or OutputAppendOutcome.Truncated:
                RaiseOutputStored();
                break;
        }

        await GrantAsync(conversation, chunk.Data.Length).ConfigureAwait(false);
        return null;
    }

    private async Task<RemoteAttemptOutcome?> RenewLeaseAsync(RemoteConversation conversation, LeaseRenewMessage renew)
    {
        // Contract "Fresh run" 4: grant what was asked, at most one lease from now.
        var most = _time.GetUtcNow() + _options.LeaseDuration;
        var until = renew.Until < most ? renew.Until : most;
        if (!_store.TryRenewLease(conversation.Task, conversation.Attempt, until))
        {
            return await LeaseLostAsync(conversation, $"attempt {conversation.Attempt} is no longer current (cancelled, re-queued or finished)")
                .ConfigureAwait(false);
        }

        await SendAsync(conversation, new LeaseRenewedMessage(conversation.Attempt, until)).ConfigureAwait(false);
        return null;
    }

    private async Task<RemoteAttemptOutcome> LeaseLostAsync(RemoteConversation conversation, string message)
    {
        LogLeaseLost(_logger, conversation.Task.ToString(), conversation.Attempt.ToString(), conversation.Peer, message);
        await SendAsync(conversation, new LeaseLostMessage(conversation.Attempt, message)).ConfigureAwait(false);
        await CloseAsync(conversation).ConfigureAwait(false);
        return RemoteAttemptOutcome.Broken(message);
    }
}
