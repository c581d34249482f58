using Mesh.Core.Execution;
using Mesh.Core.Tasks.Wire;

namespace Mesh.Core.Remote.Guests;

/// <summary>
/// Sends a guest task's stdout and stderr to its origin as OutputChunk messages, never past the origin's credit:
/// while there is none, the write waits, which blocks the task's pipe (backpressure). Once the conversation has
/// ended the output is dropped (the attempt is being killed).
/// </summary>
internal sealed class GuestOutputSink(GuestConversation conversation) : IExecutionOutput
{
    /// <inheritdoc/>
    public async ValueTask WriteAsync(OutputChunk chunk, CancellationToken cancellationToken)
    {
        if (chunk.Data.IsEmpty || conversation.Stopped.IsCancellationRequested)
        {
            return;
        }

        try
        {
            await conversation.SendSpendingAsync(
                chunk.Data,
                chunk.Offset,
                lastAtEnd: false,
                (offset, piece, _) => new OutputChunkMessage(conversation.Attempt, chunk.Stream, offset, piece),
                cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The executor stopped waiting for output, or the conversation ended: the rest is not wanted.
        }
#pragma warning disable CA1031 // A broken stream must not break the executor's output pump; the conversation ends instead.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            conversation.Fail(GuestConversationEnd.Broken, $"sending output failed: {ex.Message}");
        }
    }
}
