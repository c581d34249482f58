using Mesh.Libp2p.Channels;
using Mesh.Libp2p.Identity;
using Mesh.Libp2p.Noise;

namespace Mesh.Tests.Libp2p.Noise;

/// <summary>
/// A hand-driven Noise peer on a raw channel end: it runs the XX messages with the internal state machine,
/// so tests can send wrong signatures, tampered frames or odd framing to the real implementation.
/// </summary>
internal sealed class ScriptedNoisePeer(IDuplexChannel raw) : IDisposable
{
    private NoiseCipherState? _send;
    private NoiseCipherState? _receive;

    public IDuplexChannel Raw { get; } = raw;

    public static NoiseHandshakePayload HonestPayload(IdentityKey identity, ReadOnlySpan<byte> staticKey, params string[] muxers) =>
        NoiseIdentityBinding.CreatePayload(identity, staticKey, muxers);

    public Task<byte[]> ReadFrameAsync(CancellationToken cancellationToken = default) =>
        NoiseHandshakeIo.ReadMessageAsync(Raw.Input, cancellationToken).AsTask();

    public Task WriteFrameAsync(byte[] message) => NoiseHandshakeIo.WriteMessageAsync(Raw.Output, message, CancellationToken.None).AsTask();

    /// <summary>Plays the responder; <paramref name="payloadFor"/> builds the payload from this peer's static public key.</summary>
    public async Task<byte[]> RespondAsync(Func<byte[], NoiseHandshakePayload> payloadFor)
    {
        var staticKey = NoiseKeyPair.Generate();
        using var state = new NoiseXXHandshakeState(isInitiator: false, staticKey, NoiseKeyPair.Generate());
        state.ReadMessage1(await ReadFrameAsync());
        await WriteFrameAsync(state.WriteMessage2(payloadFor(staticKey.PublicKey.ToArray()).Encode()));
        var remotePayload = state.ReadMessage3(await ReadFrameAsync());
        Finish(state);
        return remotePayload;
    }

    /// <summary>Plays the initiator; <paramref name="firstData"/>, if any, goes in the same flush as message 3.</summary>
    public async Task<byte[]> InitiateAsync(Func<byte[], NoiseHandshakePayload> payloadFor, byte[]? firstData = null)
    {
        var staticKey = NoiseKeyPair.Generate();
        using var state = new NoiseXXHandshakeState(isInitiator: true, staticKey, NoiseKeyPair.Generate());
        await WriteFrameAsync(state.WriteMessage1());
        var remotePayload = state.ReadMessage2(await ReadFrameAsync());
        NoiseFrame.Write(Raw.Output, state.WriteMessage3(payloadFor(staticKey.PublicKey.ToArray()).Encode()));
        Finish(state);
        if (firstData is not null)
        {
            NoiseFrame.Write(Raw.Output, Seal(firstData));
        }

        await Raw.Output.FlushAsync();
        return remotePayload;
    }

    /// <summary>Encrypts one transport message (without the length prefix).</summary>
    public byte[] Seal(byte[] plaintext)
    {
        var message = new byte[plaintext.Length + NoiseCipherState.TagLength];
        _send!.Encrypt(plaintext, message.AsSpan(0, plaintext.Length), message.AsSpan(plaintext.Length), ReadOnlySpan<byte>.Empty);
        return message;
    }

    public async Task SendAsync(byte[] plaintext, Action<byte[]>? tamper = null)
    {
        var message = Seal(plaintext);
        tamper?.Invoke(message);
        await WriteFrameAsync(message);
    }

    public async Task<byte[]> ReceiveAsync(CancellationToken cancellationToken = default)
    {
        var message = await ReadFrameAsync(cancellationToken);
        var plaintext = new byte[message.Length - NoiseCipherState.TagLength];
        if (!_receive!.TryDecrypt(message.AsSpan(0, plaintext.Length), message.AsSpan(plaintext.Length), plaintext, ReadOnlySpan<byte>.Empty))
        {
            throw new InvalidOperationException("The implementation sent a frame the scripted peer cannot open.");
        }

        return plaintext;
    }

    public void Dispose()
    {
        _send?.Dispose();
        _receive?.Dispose();
    }

    private void Finish(NoiseXXHandshakeState state)
    {
        using var keys = state.Split();
        (_send, _receive) = keys.CreateCiphers(state.IsInitiator);
    }
}
