using System.Text;
using Mesh.Libp2p.Identity;

namespace Mesh.Core.Journal;

/// <summary>
/// The two signatures of a compute record (docs/protocol.md, "Journal"): the executor signs the record bytes, the
/// origin countersigns the record bytes and the executor's signature. Keys are the parties' libp2p identity keys, found
/// inline in their peer ids, so a record carries everything needed to check it.
/// </summary>
public static class JournalSigning
{
    private static readonly byte[] ExecutorContext = Encoding.ASCII.GetBytes(JournalFormat.ExecutorContext);
    private static readonly byte[] OriginContext = Encoding.ASCII.GetBytes(JournalFormat.OriginContext);

    /// <summary>Encodes <paramref name="record"/> and signs it as its executor; the origin signature is left empty.</summary>
    /// <exception cref="ArgumentException"><paramref name="executor"/> is not the record's executor, or a field is out of range.</exception>
    public static SignedComputeRecord SignAsExecutor(IdentityKey executor, ComputeRecord record)
    {
        ArgumentNullException.ThrowIfNull(executor);
        ArgumentNullException.ThrowIfNull(record);
        if (executor.PeerId != record.Executor)
        {
            throw new ArgumentException($"The key of {executor.PeerId} cannot sign as the record's executor {record.Executor}.", nameof(executor));
        }

        var bytes = ComputeRecordCodec.Encode(record);
        var signature = executor.Sign(ExecutorMessage(bytes));
        return new SignedComputeRecord(record, bytes, signature, ReadOnlyMemory<byte>.Empty);
    }

    /// <summary>Countersigns <paramref name="transaction"/> as its origin, after checking the executor's signature.</summary>
    /// <exception cref="ArgumentException"><paramref name="origin"/> is not the record's origin, or the executor's signature does not verify.</exception>
    public static SignedComputeRecord Countersign(IdentityKey origin, SignedComputeRecord transaction)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(transaction);
        if (origin.PeerId != transaction.Record.Origin)
        {
            throw new ArgumentException($"The key of {origin.PeerId} cannot countersign as the record's origin {transaction.Record.Origin}.", nameof(origin));
        }

        if (!VerifyExecutor(transaction))
        {
            throw new ArgumentException("The executor's signature does not verify; the record is not countersigned.", nameof(transaction));
        }

        var signature = origin.Sign(OriginMessage(transaction.RecordBytes.Span, transaction.ExecutorSignature.Span));
        return transaction with { OriginSignature = signature };
    }

    /// <summary>True when the executor's signature verifies with the key inline in the record's executor id.</summary>
    public static bool VerifyExecutor(SignedComputeRecord transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return Verify(transaction.Record.Executor, ExecutorMessage(transaction.RecordBytes.Span), transaction.ExecutorSignature.Span);
    }

    /// <summary>True when the origin's countersignature is present and verifies with the key inline in the record's origin id.</summary>
    public static bool VerifyOrigin(SignedComputeRecord transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return transaction.IsCountersigned
            && Verify(transaction.Record.Origin, OriginMessage(transaction.RecordBytes.Span, transaction.ExecutorSignature.Span), transaction.OriginSignature.Span);
    }

    /// <summary>
    /// Decodes a record received with its signatures and checks them: the executor's must verify; the origin's may be
    /// empty (not countersigned yet) and must verify otherwise. The bytes are copied. Returns null with a reason when
    /// the record is malformed or a signature is bad; never throws.
    /// </summary>
    public static SignedComputeRecord? TryDecodeSigned(
        ReadOnlyMemory<byte> recordBytes, ReadOnlyMemory<byte> executorSignature, ReadOnlyMemory<byte> originSignature, out string? error)
    {
        if (!ComputeRecordCodec.TryRead(recordBytes, out var record, out error))
        {
            return null;
        }

        if (executorSignature.Length != JournalFormat.SignatureLength || (!originSignature.IsEmpty && originSignature.Length != JournalFormat.SignatureLength))
        {
            error = $"a signature is not {JournalFormat.SignatureLength} bytes";
            return null;
        }

        var transaction = new SignedComputeRecord(record, recordBytes.ToArray(), executorSignature.ToArray(), originSignature.ToArray());
        if (!VerifyExecutor(transaction))
        {
            error = $"the executor's signature does not verify with the key of {record.Executor}";
            return null;
        }

        if (transaction.IsCountersigned && !VerifyOrigin(transaction))
        {
            error = $"the origin's signature does not verify with the key of {record.Origin}";
            return null;
        }

        error = null;
        return transaction;
    }

    private static byte[] ExecutorMessage(ReadOnlySpan<byte> recordBytes) => [.. ExecutorContext, .. recordBytes];

    private static byte[] OriginMessage(ReadOnlySpan<byte> recordBytes, ReadOnlySpan<byte> executorSignature) =>
        [.. OriginContext, .. recordBytes, .. executorSignature];

    /// <summary>Only an Ed25519 key inline in the peer id can verify; any other peer id never does.</summary>
    private static bool Verify(PeerId signer, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != JournalFormat.SignatureLength || signer.TryGetInlinePublicKey() is not { Type: KeyType.Ed25519 } key)
        {
            return false;
        }

        return key.Verify(message, signature);
    }
}
