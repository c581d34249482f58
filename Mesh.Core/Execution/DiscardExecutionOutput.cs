namespace Mesh.Core.Execution;

/// <summary>A sink that drops all output (for tasks whose output nobody reads).</summary>
public sealed class DiscardExecutionOutput : IExecutionOutput
{
    /// <summary>The one instance.</summary>
    public static DiscardExecutionOutput Instance { get; } = new();

    private DiscardExecutionOutput()
    {
    }

    /// <inheritdoc />
    public ValueTask WriteAsync(OutputChunk chunk, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
