namespace Mesh.Core.Journal;

/// <summary>
/// A compute record as its parties signed it. The signatures cover <see cref="RecordBytes"/> exactly as carried, so
/// nobody re-encodes a record to check it (docs/protocol.md, "Journal").
/// </summary>
/// <param name="Record">The decoded record.</param>
/// <param name="RecordBytes">Its encoding, the bytes both signatures cover.</param>
/// <param name="ExecutorSignature">The executor's Ed25519 signature (64 bytes).</param>
/// <param name="OriginSignature">The origin's countersignature (64 bytes); empty until the origin accepts the result.</param>
public sealed record SignedComputeRecord(
    ComputeRecord Record, ReadOnlyMemory<byte> RecordBytes, ReadOnlyMemory<byte> ExecutorSignature, ReadOnlyMemory<byte> OriginSignature)
{
    /// <summary>True once the origin has countersigned.</summary>
    public bool IsCountersigned => !OriginSignature.IsEmpty;
}
