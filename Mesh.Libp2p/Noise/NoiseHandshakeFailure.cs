namespace Mesh.Libp2p.Noise;

/// <summary>Why a Noise handshake was rejected.</summary>
public enum NoiseHandshakeFailure
{
    /// <summary>No reason was given.</summary>
    Unspecified,

    /// <summary>A handshake message had the wrong size for its position (message 1 must be exactly 32 bytes).</summary>
    MalformedMessage,

    /// <summary>A handshake message did not authenticate (wrong keys or tampered bytes).</summary>
    DecryptFailed,

    /// <summary>An X25519 key from the remote gave an all-zero shared secret (a low-order point).</summary>
    InvalidKey,

    /// <summary>The payload protobuf was malformed, or lacked the identity key or signature.</summary>
    MalformedPayload,

    /// <summary>The identity signature over the remote's Noise static key did not verify.</summary>
    BadSignature,

    /// <summary>The remote proved a different peer id than the one dialed.</summary>
    PeerIdMismatch,

    /// <summary>The connection ended before the handshake finished.</summary>
    ConnectionClosed,
}
