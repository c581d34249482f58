using System.Collections.Concurrent;
using System.Text;
using Mesh.Core.Execution;

using OutputStreamKind = Mesh.Core.Tasks.OutputStreamKind;

namespace Mesh.Tests.Core.Execution;

/// <summary>A sink that keeps every chunk, and can hold writers back until released (to test backpressure).</summary>
internal sealed class CollectingOutput : IExecutionOutput
{
    private readonly ConcurrentQueue<OutputChunk> _chunks = new();
    private readonly TaskCompletionSource _firstChunk = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public CollectingOutput(bool hold = false)
    {
        if (!hold)
        {
            _release.SetResult();
        }
    }

    public Task FirstChunk => _firstChunk.Task;

    public IReadOnlyList<OutputChunk> Chunks => [.. _chunks];

    public void Release() => _release.TrySetResult();

    public async ValueTask WriteAsync(OutputChunk chunk, CancellationToken cancellationToken)
    {
        _chunks.Enqueue(chunk);
        _firstChunk.TrySetResult();
        await _release.Task.WaitAsync(cancellationToken);
    }

    public byte[] Bytes(OutputStreamKind kind) =>
        [.. _chunks.Where(c => c.Stream == kind).OrderBy(c => c.Offset).SelectMany(c => c.Data.ToArray())];

    public string Text(OutputStreamKind kind = OutputStreamKind.Stdout) => Encoding.UTF8.GetString(Bytes(kind));
}
