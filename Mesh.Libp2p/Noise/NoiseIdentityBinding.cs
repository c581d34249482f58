using Mesh.Libp2p.Identity;

namespace Mesh.Libp2p.Noise;

/// <summary>
/// Binds a libp2p identity to a Noise static key (wire notes §8.3): the payload carries the identity
/// public key and its signature over <c>"noise-libp2p-static-key:" ‖ static public key</c>.
/// </summary>
internal static class NoiseIdentityBinding
{
    /// <summary>The prefix of the signed message.</summary>
    public static ReadOnlySpan<byte> SignaturePrefix => "noise-libp2p-static-key:"u8;

    /// <summary>Builds the payload for messages 2 and 3, with the muxers as early-muxer extension when there are any.</summary>
    public static NoiseHandshakePayload CreatePayload(IdentityKey identity, ReadOnlySpan<byte> staticPublicKey, IReadOnlyList<string> muxers) =>
        CreatePayload(identity, identity.Sign(SignedMessage(staticPublicKey)), muxers);

    /// <summary>Builds the payload with the signature already made over the static key (<see cref="NoiseLocalStatic"/>).</summary>
    public static NoiseHandshakePayload CreatePayload(IdentityKey identity, NoiseLocalStatic localStatic, IReadOnlyList<string> muxers) =>
        CreatePayload(identity, localStatic.Signature.ToArray(), muxers);

    /// <summary>
    /// The receiver checks of wire notes §8.3, in order: decode the identity key, verify the signature over the
    /// remote static key, derive the peer id, compare it with the dialed one.
    /// </summary>
    /// <exception cref="NoiseHandshakeException">Any check fails.</exception>
    public static (PublicKey Key, PeerId PeerId, IReadOnlyList<string> Muxers) Verify(
        ReadOnlySpan<byte> payloadBytes, ReadOnlySpan<byte> remoteStaticKey, PeerId? expectedRemote)
    {
        if (!NoiseHandshakePayload.TryDecode(payloadBytes, out var payload))
        {
            throw new NoiseHandshakeException(NoiseHandshakeFailure.MalformedPayload, "The Noise handshake payload is not a valid protobuf.");
        }

        if (payload!.IdentityKey is null || payload.IdentitySignature is null)
        {
            throw new NoiseHandshakeException(NoiseHandshakeFailure.MalformedPayload, "The Noise handshake payload lacks the identity key or signature.");
        }

        if (!PublicKey.TryParseProtobuf(payload.IdentityKey, out var key))
        {
            throw new NoiseHandshakeException(NoiseHandshakeFailure.MalformedPayload, "The Noise handshake payload's identity key is not a valid public key.");
        }

        if (!key!.Verify(SignedMessage(remoteStaticKey), payload.IdentitySignature))
        {
            throw new NoiseHandshakeException(NoiseHandshakeFailure.BadSignature, "The identity signature over the remote's Noise static key does not verify.");
        }

        var peerId = key.ToPeerId();
        if (expectedRemote is not null && peerId != expectedRemote)
        {
            throw new NoiseHandshakeException(NoiseHandshakeFailure.PeerIdMismatch, $"Dialed {expectedRemote} but the remote proved {peerId}.");
        }

        return (key, peerId, payload.Extensions?.StreamMuxers ?? []);
    }

    /// <summary>The message the identity signs: the prefix, then the static public key.</summary>
    public static byte[] SignedMessage(ReadOnlySpan<byte> staticPublicKey)
    {
        var message = new byte[SignaturePrefix.Length + staticPublicKey.Length];
        SignaturePrefix.CopyTo(message);
        staticPublicKey.CopyTo(message.AsSpan(SignaturePrefix.Length));
        return message;
    }

    private static NoiseHandshakePayload CreatePayload(IdentityKey identity, byte[] signature, IReadOnlyList<string> muxers) => new()
    {
        IdentityKey = identity.PublicKey.ToProtobuf(),
        IdentitySignature = signature,
        Extensions = muxers.Count == 0 ? null : new NoiseExtensions { StreamMuxers = [.. muxers] },
    };
}
