namespace Mesh.Core.Tasks.Wire;

/// <summary>
/// The executor-signed compute record a <see cref="RunResultMessage"/> carries (key 8, docs/protocol.md "Journal"): the
/// record's bytes exactly as signed and the executor's signature over them. The wire checks only sizes; the origin
/// decodes and verifies the record against what it knows of the attempt.
/// </summary>
/// <param name="Record">The compute record's encoding (at most <see cref="TaskWireLimits.MaxJournalRecordBytes"/> bytes).</param>
/// <param name="ExecutorSignature">The executor's Ed25519 signature (64 bytes).</param>
public sealed record RunResultJournal(ReadOnlyMemory<byte> Record, ReadOnlyMemory<byte> ExecutorSignature)
{
    /// <summary>The length of an Ed25519 signature.</summary>
    public const int SignatureLength = 64;
}
