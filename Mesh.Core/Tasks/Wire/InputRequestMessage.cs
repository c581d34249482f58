namespace Mesh.Core.Tasks.Wire;

/// <summary>Executor to origin: send these input contents, which the executor's cache lacks.</summary>
/// <param name="Attempt">The attempt that needs them.</param>
/// <param name="Sha256s">The SHA-256s (64 lowercase hex characters each) of the contents wanted.</param>
public sealed record InputRequestMessage(AttemptId Attempt, IReadOnlyList<string> Sha256s) : TaskMessage
{
    /// <inheritdoc/>
    public override TaskMessageType Type => TaskMessageType.InputRequest;
}
