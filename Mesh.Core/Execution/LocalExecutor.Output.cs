using OutputStreamKind = Mesh.Core.Tasks.OutputStreamKind;

namespace Mesh.Core.Execution;

public sealed partial class LocalExecutor
{
    // Reads one pipe to its end, handing each read to the sink and awaiting it before the next read: the pipe (and so
    // the task) waits for a slow sink. Pipe reads stop at the drain deadline; sink writes at the caller's cancel.
    private async Task PumpAsync(
        Stream pipe, OutputStreamKind kind, ExecutionRequest request, long[] written, CancellationTokenSource sinkFailed,
        CancellationToken drainToken, CancellationToken cancellationToken)
    {
        var index = kind == OutputStreamKind.Stdout ? 0 : 1;
        var buffer = new byte[_options.OutputChunkBytes];
        while (true)
        {
            var read = await pipe.ReadAsync(buffer, drainToken).ConfigureAwait(false);
            if (read == 0)
            {
                return;
            }

            var chunk = new OutputChunk(kind, written[index], buffer.AsSpan(0, read).ToArray());
            written[index] += read;
            if (sinkFailed.IsCancellationRequested)
            {
                continue;
            }

            try
            {
                await request.Output.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Keep reading (and dropping) so the task is not blocked on a full pipe while it is being killed.
                LogOutputFailed(_logger, request.TaskId, request.AttemptId, e);
                await sinkFailed.CancelAsync().ConfigureAwait(false);
            }
        }
    }
}
