namespace Mesh.Core.Tasks;

/// <summary>The outcome of an output append, and where the sender should continue.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="NextOffset">The offset the next chunk of that stream should start at.</param>
public readonly record struct OutputAppendResult(OutputAppendOutcome Outcome, long NextOffset);
