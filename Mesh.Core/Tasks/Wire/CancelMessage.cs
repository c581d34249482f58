namespace Mesh.Core.Tasks.Wire;

/// <summary>Origin to executor: cancel the attempt (kill its whole process group, report a cancelled result).</summary>
/// <param name="Attempt">The attempt.</param>
public sealed record CancelMessage(AttemptId Attempt) : TaskMessage
{
    /// <inheritdoc/>
    public override TaskMessageType Type => TaskMessageType.Cancel;
}
