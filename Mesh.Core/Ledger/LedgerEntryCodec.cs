using System.Buffers;
using MessagePack;
using Mesh.Core.Wire;
using Mesh.Libp2p.Identity;

namespace Mesh.Core.Ledger;

/// <summary>
/// The wire form of a <see cref="LedgerEntry"/> (docs/protocol.md, "Ledger"): a MessagePack array
/// <c>[formatVersion, payload, signature]</c> where <c>payload</c> is the MessagePack map of the entry's fields
/// (as bytes) and <c>signature</c> is the peer's Ed25519 signature over <see cref="SigningDomain"/> ‖ payload.
/// Written and read by hand so the decoder is pure, bounded and never throws on bad input.
/// </summary>
public static class LedgerEntryCodec
{
    /// <summary>The envelope format this implementation writes and reads.</summary>
    public const int FormatVersion = 1;

    /// <summary>The largest signature accepted (Ed25519 signatures are 64 bytes).</summary>
    private const int MaxSignatureLength = 128;

    /// <summary>The prefix of the signed bytes, so a ledger signature can never be replayed as another message's.</summary>
    public static ReadOnlySpan<byte> SigningDomain => "mesh-ledger-v1:"u8;

    /// <summary>Encodes and signs <paramref name="entry"/> with <paramref name="identity"/>.</summary>
    /// <exception cref="ArgumentException">The entry is not <paramref name="identity"/>'s, or breaks a rule or limit (the message says which).</exception>
    public static byte[] Encode(LedgerEntry entry, IdentityKey identity, LedgerCodecLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(identity);
        limits ??= new LedgerCodecLimits();
        if (entry.Peer != identity.PeerId)
        {
            throw new ArgumentException($"The entry is peer {entry.Peer}'s; the key is {identity.PeerId}'s.", nameof(entry));
        }

        if (LedgerEntryRules.Check(entry, limits) is { } broken)
        {
            throw new ArgumentException($"The ledger entry is invalid: {broken.Reason}.", nameof(entry));
        }

        var payload = new ArrayBufferWriter<byte>(512);
        LedgerPayloadWriter.Write(payload, entry);
        var signature = identity.Sign(SigningInput(payload.WrittenSpan));

        var envelope = new ArrayBufferWriter<byte>(payload.WrittenCount + signature.Length + 16);
        var writer = new MessagePackWriter(envelope);
        writer.WriteArrayHeader(3);
        writer.Write(FormatVersion);
        writer.Write(payload.WrittenSpan);
        writer.Write(signature);
        writer.Flush();
        if (envelope.WrittenCount > limits.MaxEntrySize)
        {
            throw new ArgumentException($"The ledger entry is {envelope.WrittenCount} bytes; {nameof(LedgerCodecLimits)}.{nameof(LedgerCodecLimits.MaxEntrySize)} is {limits.MaxEntrySize}.", nameof(entry));
        }

        return envelope.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Decodes one envelope that fills <paramref name="data"/> exactly and verifies its signature with the key
    /// inlined in the entry's peer id. Never throws on bad input: the result says what was wrong.
    /// </summary>
    public static LedgerDecodeResult TryDecode(ReadOnlySequence<byte> data, LedgerCodecLimits? limits = null)
    {
        limits ??= new LedgerCodecLimits();
        if (data.Length > limits.MaxEntrySize)
        {
            return LedgerDecodeResult.Fail(LedgerDecodeStatus.TooLarge, $"the entry is {data.Length} bytes, over {limits.MaxEntrySize}");
        }

        try
        {
            return Decode(data, limits);
        }
        catch (Exception ex) when (MalformedMessagePack.Is(ex))
        {
            // MessagePackReader has no non-throwing scalar reads: truncation, an invalid code, an integer that does not
            // fit, or a bin/str length past int.MaxValue (found by fuzzing) surface here and mean only that the peer
            // sent a malformed entry.
            return LedgerDecodeResult.Fail(LedgerDecodeStatus.Malformed, "invalid MessagePack: " + ex.Message);
        }
    }

    /// <inheritdoc cref="TryDecode(ReadOnlySequence{byte}, LedgerCodecLimits?)"/>
    public static LedgerDecodeResult TryDecode(ReadOnlyMemory<byte> data, LedgerCodecLimits? limits = null) =>
        TryDecode(new ReadOnlySequence<byte>(data), limits);

    private static LedgerDecodeResult Decode(ReadOnlySequence<byte> data, LedgerCodecLimits limits)
    {
        var reader = new MessagePackReader(data);
        if (reader.NextMessagePackType != MessagePackType.Array)
        {
            return Malformed("the envelope is not an array");
        }

        var count = reader.ReadArrayHeader();
        if (count < 1 || reader.NextMessagePackType != MessagePackType.Integer)
        {
            return Malformed("the envelope has no format version");
        }

        // The format version comes first so a future envelope may change everything after it.
        var format = reader.ReadInt64();
        if (format != FormatVersion)
        {
            return LedgerDecodeResult.Fail(LedgerDecodeStatus.UnsupportedVersion, $"envelope format {format} is not supported (this node reads {FormatVersion})");
        }

        if (count != 3)
        {
            return Malformed($"a format {FormatVersion} envelope has 3 elements, not {count}");
        }

        if (reader.NextMessagePackType != MessagePackType.Binary)
        {
            return Malformed("the payload is not binary");
        }

        var payload = reader.ReadBytes()!.Value;
        if (reader.NextMessagePackType != MessagePackType.Binary)
        {
            return Malformed("the signature is not binary");
        }

        var signature = reader.ReadBytes()!.Value;
        if (signature.Length > MaxSignatureLength)
        {
            return LedgerDecodeResult.Fail(LedgerDecodeStatus.TooLarge, $"the signature is over {MaxSignatureLength} bytes");
        }

        if (!reader.End)
        {
            return Malformed("bytes follow the envelope");
        }

        var payloadReader = new LedgerPayloadReader(payload, limits);
        if (!payloadReader.TryRead(out var entry))
        {
            return LedgerDecodeResult.Fail(payloadReader.FailureStatus, payloadReader.FailureReason!);
        }

        if (LedgerEntryRules.Check(entry!, limits) is { } broken)
        {
            return LedgerDecodeResult.Fail(broken.Status, broken.Reason);
        }

        return Verify(entry!, payload, signature);
    }

    private static LedgerDecodeResult Verify(LedgerEntry entry, ReadOnlySequence<byte> payload, ReadOnlySequence<byte> signature)
    {
        // The entry carries no key: only a peer id that inlines its public key (Ed25519) can sign entries.
        if (entry.Peer.TryGetInlinePublicKey() is not { } key)
        {
            return LedgerDecodeResult.Fail(LedgerDecodeStatus.BadSignature, "the peer id does not inline its public key");
        }

        var signed = new byte[SigningDomain.Length + payload.Length];
        SigningDomain.CopyTo(signed);
        payload.CopyTo(signed.AsSpan(SigningDomain.Length));
        return key.Verify(signed, signature.ToArray())
            ? LedgerDecodeResult.Ok(entry)
            : LedgerDecodeResult.Fail(LedgerDecodeStatus.BadSignature, $"the signature does not verify with {entry.Peer}'s key");
    }

    private static byte[] SigningInput(ReadOnlySpan<byte> payload)
    {
        var signed = new byte[SigningDomain.Length + payload.Length];
        SigningDomain.CopyTo(signed);
        payload.CopyTo(signed.AsSpan(SigningDomain.Length));
        return signed;
    }

    private static LedgerDecodeResult Malformed(string reason) => LedgerDecodeResult.Fail(LedgerDecodeStatus.Malformed, reason);
}
