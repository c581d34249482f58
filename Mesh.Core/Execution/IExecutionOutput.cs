namespace Mesh.Core.Execution;

/// <summary>
/// Where a running task's output goes. The executor awaits each write before reading more from the task's pipe,
/// so a slow sink slows the task (its pipe fills and its writes block) instead of output piling up in memory.
/// </summary>
public interface IExecutionOutput
{
    /// <summary>Takes one chunk. Called from two pumps (stdout and stderr) concurrently, each in its own stream's order.</summary>
    /// <param name="chunk">The chunk; its bytes belong to the sink.</param>
    /// <param name="cancellationToken">Cancelled when the executor stops waiting for output.</param>
    /// <returns>Completes when the sink is ready for the next chunk of that stream.</returns>
    ValueTask WriteAsync(OutputChunk chunk, CancellationToken cancellationToken);
}
