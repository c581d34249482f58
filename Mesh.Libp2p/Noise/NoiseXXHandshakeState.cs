using System.Security.Cryptography;

namespace Mesh.Libp2p.Noise;

/// <summary>
/// The Noise XX handshake (wire notes §8.1): <c>-&gt; e</c>, <c>&lt;- e, ee, s, es</c>, <c>-&gt; s, se</c>, empty prologue.
/// Each method is one message of one role, called in order; a message that fails to parse or
/// authenticate throws <see cref="NoiseHandshakeException"/>.
/// </summary>
internal sealed class NoiseXXHandshakeState : IDisposable
{
    /// <summary>The exact size of message 1: the initiator's ephemeral key, no payload (wire notes §8.3).</summary>
    public const int Message1Length = KeyLength;

    private const int KeyLength = NoiseKeyPair.KeyLength;
    private const int EncryptedKeyLength = KeyLength + NoiseCipherState.TagLength;

    private readonly NoiseSymmetricState _symmetric = new(ReadOnlySpan<byte>.Empty);
    private readonly NoiseKeyPair _static;
    private readonly NoiseKeyPair _ephemeral;
    private readonly byte[] _remoteEphemeral = new byte[KeyLength];
    private readonly byte[] _remoteStatic = new byte[KeyLength];

    public NoiseXXHandshakeState(bool isInitiator, NoiseKeyPair staticKey, NoiseKeyPair ephemeralKey)
    {
        IsInitiator = isInitiator;
        _static = staticKey;
        _ephemeral = ephemeralKey;
    }

    public bool IsInitiator { get; }

    /// <summary>The remote's X25519 static key (valid after message 2 for the initiator, message 3 for the responder).</summary>
    public ReadOnlySpan<byte> RemoteStaticKey => _remoteStatic;

    /// <summary>The handshake hash <c>h</c>.</summary>
    public byte[] HandshakeHash => _symmetric.HandshakeHash;

    /// <summary>Initiator, message 1: <c>e</c> and an empty payload.</summary>
    public byte[] WriteMessage1()
    {
        var message = new byte[Message1Length];
        WriteEphemeral(message);
        _symmetric.EncryptAndHash(ReadOnlySpan<byte>.Empty, Span<byte>.Empty);
        return message;
    }

    /// <summary>Responder, message 1: exactly 32 bytes (js sends no payload and no extensions here).</summary>
    public void ReadMessage1(ReadOnlySpan<byte> message)
    {
        if (message.Length != Message1Length)
        {
            throw new NoiseHandshakeException(NoiseHandshakeFailure.MalformedMessage, $"Noise message 1 must be exactly {Message1Length} bytes, not {message.Length}.");
        }

        ReadEphemeral(message);
        _ = Decrypt(ReadOnlySpan<byte>.Empty, "message 1 payload");
    }

    /// <summary>Responder, message 2: <c>e, ee, s, es</c> and the payload.</summary>
    public byte[] WriteMessage2(ReadOnlySpan<byte> payload)
    {
        var message = new byte[KeyLength + EncryptedKeyLength + payload.Length + NoiseCipherState.TagLength];
        WriteEphemeral(message);
        MixDh(_ephemeral, _remoteEphemeral);
        _symmetric.EncryptAndHash(_static.PublicKey, message.AsSpan(KeyLength, EncryptedKeyLength));
        MixDh(_static, _remoteEphemeral);
        _symmetric.EncryptAndHash(payload, message.AsSpan(KeyLength + EncryptedKeyLength));
        return message;
    }

    /// <summary>Initiator, message 2: returns the responder's decrypted payload.</summary>
    public byte[] ReadMessage2(ReadOnlySpan<byte> message)
    {
        if (message.Length < KeyLength + EncryptedKeyLength + NoiseCipherState.TagLength)
        {
            throw new NoiseHandshakeException(NoiseHandshakeFailure.MalformedMessage, $"Noise message 2 is too short ({message.Length} bytes).");
        }

        ReadEphemeral(message[..KeyLength]);
        MixDh(_ephemeral, _remoteEphemeral);
        Decrypt(message.Slice(KeyLength, EncryptedKeyLength), "message 2 static key").CopyTo(_remoteStatic, 0);
        MixDh(_ephemeral, _remoteStatic);
        return Decrypt(message[(KeyLength + EncryptedKeyLength)..], "message 2 payload");
    }

    /// <summary>Initiator, message 3: <c>s, se</c> and the payload.</summary>
    public byte[] WriteMessage3(ReadOnlySpan<byte> payload)
    {
        var message = new byte[EncryptedKeyLength + payload.Length + NoiseCipherState.TagLength];
        _symmetric.EncryptAndHash(_static.PublicKey, message.AsSpan(0, EncryptedKeyLength));
        MixDh(_static, _remoteEphemeral);
        _symmetric.EncryptAndHash(payload, message.AsSpan(EncryptedKeyLength));
        return message;
    }

    /// <summary>Responder, message 3: returns the initiator's decrypted payload.</summary>
    public byte[] ReadMessage3(ReadOnlySpan<byte> message)
    {
        if (message.Length < EncryptedKeyLength + NoiseCipherState.TagLength)
        {
            throw new NoiseHandshakeException(NoiseHandshakeFailure.MalformedMessage, $"Noise message 3 is too short ({message.Length} bytes).");
        }

        Decrypt(message[..EncryptedKeyLength], "message 3 static key").CopyTo(_remoteStatic, 0);
        MixDh(_ephemeral, _remoteStatic);
        return Decrypt(message[EncryptedKeyLength..], "message 3 payload");
    }

    /// <summary>Derives the transport keys after the last message.</summary>
    public NoiseSplitKeys Split()
    {
        var keys = new NoiseSplitKeys();
        _symmetric.Split(keys.InitiatorToResponder, keys.ResponderToInitiator);
        return keys;
    }

    public void Dispose() => _symmetric.Dispose();

    private void WriteEphemeral(Span<byte> destination)
    {
        _ephemeral.PublicKey.CopyTo(destination);
        _symmetric.MixHash(_ephemeral.PublicKey);
    }

    private void ReadEphemeral(ReadOnlySpan<byte> key)
    {
        key.CopyTo(_remoteEphemeral);
        _symmetric.MixHash(key);
    }

    private void MixDh(NoiseKeyPair local, ReadOnlySpan<byte> remotePublicKey)
    {
        Span<byte> shared = stackalloc byte[KeyLength];
        if (!local.TryAgree(remotePublicKey, shared))
        {
            throw new NoiseHandshakeException(NoiseHandshakeFailure.InvalidKey, "The remote's X25519 key gives an all-zero shared secret.");
        }

        _symmetric.MixKey(shared);
        CryptographicOperations.ZeroMemory(shared);
    }

    private byte[] Decrypt(ReadOnlySpan<byte> ciphertext, string what) =>
        _symmetric.DecryptAndHash(ciphertext)
        ?? throw new NoiseHandshakeException(NoiseHandshakeFailure.DecryptFailed, $"Noise {what} did not authenticate.");
}
