using Mesh.Libp2p.Channels;
using Mesh.Libp2p.Identity;
using Microsoft.Extensions.Logging;

namespace Mesh.Libp2p.Noise;

/// <summary>
/// Runs the three XX messages over a channel for one role, with the X25519 keys given (injectable for test vectors).
/// The static key is shared by the node's handshakes and stays; the ephemeral key is this handshake's and is cleared.
/// </summary>
internal static class NoiseHandshake
{
    public static async Task<NoiseSecuredChannel> RunAsync(
        IDuplexChannel inner,
        bool isInitiator,
        IdentityKey identity,
        IReadOnlyList<string> localMuxers,
        PeerId? expectedRemote,
        NoiseLocalStatic localStatic,
        NoiseKeyPair ephemeralKey,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        var role = isInitiator ? "initiator" : "responder";
        try
        {
            using var state = new NoiseXXHandshakeState(isInitiator, localStatic.KeyPair, ephemeralKey);
            var localPayload = NoiseIdentityBinding.CreatePayload(identity, localStatic, localMuxers).Encode();
            var remote = isInitiator
                ? await RunInitiatorAsync(inner, state, localPayload, expectedRemote, cancellationToken).ConfigureAwait(false)
                : await RunResponderAsync(inner, state, localPayload, cancellationToken).ConfigureAwait(false);

            using var keys = state.Split();
            var (send, receive) = keys.CreateCiphers(isInitiator);
            NoiseLog.HandshakeCompleted(logger, role, remote.PeerId, remote.Muxers);
            return new NoiseSecuredChannel(inner, send, receive, remote.Key, remote.PeerId, remote.Muxers, state.HandshakeHash, logger);
        }
        catch (NoiseHandshakeException ex)
        {
            NoiseLog.HandshakeFailed(logger, role, ex.Reason, ex);
            throw;
        }
        finally
        {
            ephemeralKey.Clear();
        }
    }

    private static async Task<(PublicKey Key, PeerId PeerId, IReadOnlyList<string> Muxers)> RunInitiatorAsync(
        IDuplexChannel inner, NoiseXXHandshakeState state, byte[] localPayload, PeerId? expectedRemote, CancellationToken cancellationToken)
    {
        await NoiseHandshakeIo.WriteMessageAsync(inner.Output, state.WriteMessage1(), cancellationToken).ConfigureAwait(false);
        var message2 = await NoiseHandshakeIo.ReadMessageAsync(inner.Input, cancellationToken).ConfigureAwait(false);
        var remotePayload = state.ReadMessage2(message2);

        // §8.3: verify before sending anything that depends on the remote's identity.
        var remote = NoiseIdentityBinding.Verify(remotePayload, state.RemoteStaticKey, expectedRemote);
        await NoiseHandshakeIo.WriteMessageAsync(inner.Output, state.WriteMessage3(localPayload), cancellationToken).ConfigureAwait(false);
        return remote;
    }

    private static async Task<(PublicKey Key, PeerId PeerId, IReadOnlyList<string> Muxers)> RunResponderAsync(
        IDuplexChannel inner, NoiseXXHandshakeState state, byte[] localPayload, CancellationToken cancellationToken)
    {
        var message1 = await NoiseHandshakeIo.ReadMessageAsync(inner.Input, cancellationToken).ConfigureAwait(false);
        state.ReadMessage1(message1);
        await NoiseHandshakeIo.WriteMessageAsync(inner.Output, state.WriteMessage2(localPayload), cancellationToken).ConfigureAwait(false);
        var message3 = await NoiseHandshakeIo.ReadMessageAsync(inner.Input, cancellationToken).ConfigureAwait(false);
        var remotePayload = state.ReadMessage3(message3);
        return NoiseIdentityBinding.Verify(remotePayload, state.RemoteStaticKey, expectedRemote: null);
    }
}
