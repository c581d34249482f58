using Mesh.Libp2p.Channels;
using Mesh.Libp2p.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mesh.Libp2p.Noise;

/// <summary>
/// The libp2p Noise security protocol (<c>/noise</c>, <c>Noise_XX_25519_ChaChaPoly_SHA256</c>, wire notes §8).
/// The dialer calls <see cref="SecureOutboundAsync(IDuplexChannel, IdentityKey, IReadOnlyList{string}, PeerId?, CancellationToken)"/>
/// (Noise initiator), the listener <see cref="SecureInboundAsync(IDuplexChannel, IdentityKey, IReadOnlyList{string}, CancellationToken)"/>.
/// The X25519 static key is made once per identity and process (<see cref="NoiseLocalStatic"/>, as js-libp2p does), the
/// ephemeral key for every connection. The caller bounds the handshake with the token
/// (cancellation unblocks pending reads) and, on any exception, closes the inner channel itself.
/// </summary>
public static class NoiseSecurity
{
    /// <summary>The multistream-select protocol id.</summary>
    public const string ProtocolId = "/noise";

    /// <summary>Secures an outbound connection as the Noise initiator.</summary>
    /// <param name="inner">The channel below (TCP or pnet), positioned just after multistream chose <c>/noise</c>.</param>
    /// <param name="identity">This node's identity; it signs the Noise static key.</param>
    /// <param name="localMuxers">Muxers to offer as early data (<c>stream_muxers</c>); empty to send none.</param>
    /// <param name="expectedRemote">The dialed peer id, if known; the remote must prove it.</param>
    /// <param name="cancellationToken">Bounds the handshake.</param>
    /// <returns>The secured channel, which owns <paramref name="inner"/>.</returns>
    /// <exception cref="NoiseHandshakeException">The handshake failed; <see cref="NoiseHandshakeException.Reason"/> says why.</exception>
    public static Task<NoiseSecuredChannel> SecureOutboundAsync(
        IDuplexChannel inner, IdentityKey identity, IReadOnlyList<string> localMuxers, PeerId? expectedRemote, CancellationToken cancellationToken = default) =>
        SecureOutboundAsync(inner, identity, localMuxers, expectedRemote, NullLogger.Instance, cancellationToken);

    /// <inheritdoc cref="SecureOutboundAsync(IDuplexChannel, IdentityKey, IReadOnlyList{string}, PeerId?, CancellationToken)"/>
    /// <param name="inner">The channel below (TCP or pnet), positioned just after multistream chose <c>/noise</c>.</param>
    /// <param name="identity">This node's identity; it signs the Noise static key.</param>
    /// <param name="localMuxers">Muxers to offer as early data (<c>stream_muxers</c>); empty to send none.</param>
    /// <param name="expectedRemote">The dialed peer id, if known; the remote must prove it.</param>
    /// <param name="logger">Receives handshake results (event ids 200-202).</param>
    /// <param name="cancellationToken">Bounds the handshake.</param>
    public static Task<NoiseSecuredChannel> SecureOutboundAsync(
        IDuplexChannel inner, IdentityKey identity, IReadOnlyList<string> localMuxers, PeerId? expectedRemote, ILogger logger, CancellationToken cancellationToken = default) =>
        NoiseHandshake.RunAsync(inner, isInitiator: true, identity, localMuxers, expectedRemote, NoiseLocalStatic.For(identity), NoiseKeyPair.Generate(), logger, cancellationToken);

    /// <summary>Secures an inbound connection as the Noise responder.</summary>
    /// <param name="inner">The channel below (TCP or pnet), positioned just after multistream chose <c>/noise</c>.</param>
    /// <param name="identity">This node's identity; it signs the Noise static key.</param>
    /// <param name="localMuxers">Muxers to offer as early data (<c>stream_muxers</c>); empty to send none.</param>
    /// <param name="cancellationToken">Bounds the handshake.</param>
    /// <returns>The secured channel, which owns <paramref name="inner"/>.</returns>
    /// <exception cref="NoiseHandshakeException">The handshake failed; <see cref="NoiseHandshakeException.Reason"/> says why.</exception>
    public static Task<NoiseSecuredChannel> SecureInboundAsync(
        IDuplexChannel inner, IdentityKey identity, IReadOnlyList<string> localMuxers, CancellationToken cancellationToken = default) =>
        SecureInboundAsync(inner, identity, localMuxers, NullLogger.Instance, cancellationToken);

    /// <inheritdoc cref="SecureInboundAsync(IDuplexChannel, IdentityKey, IReadOnlyList{string}, CancellationToken)"/>
    /// <param name="inner">The channel below (TCP or pnet), positioned just after multistream chose <c>/noise</c>.</param>
    /// <param name="identity">This node's identity; it signs the Noise static key.</param>
    /// <param name="localMuxers">Muxers to offer as early data (<c>stream_muxers</c>); empty to send none.</param>
    /// <param name="logger">Receives handshake results (event ids 200-202).</param>
    /// <param name="cancellationToken">Bounds the handshake.</param>
    public static Task<NoiseSecuredChannel> SecureInboundAsync(
        IDuplexChannel inner, IdentityKey identity, IReadOnlyList<string> localMuxers, ILogger logger, CancellationToken cancellationToken = default) =>
        NoiseHandshake.RunAsync(inner, isInitiator: false, identity, localMuxers, expectedRemote: null, NoiseLocalStatic.For(identity), NoiseKeyPair.Generate(), logger, cancellationToken);
}
