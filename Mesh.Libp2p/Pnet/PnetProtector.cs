using System.Security.Cryptography;

namespace Mesh.Libp2p.Pnet;

/// <summary>
/// Private networks (pnet PSK v1, wire notes §12): below everything else on the raw TCP stream, each side
/// sends a random 24-byte nonce at once, then XORs all it sends with XSalsa20(key, own nonce) and all it
/// receives with XSalsa20(key, peer's nonce). There is no MAC: a peer with another key produces noise,
/// and the multistream-select above fails on it at once.
/// </summary>
public static class PnetProtector
{
    /// <summary>The nonce length.</summary>
    public const int NonceLength = 24;

    /// <summary>Exchanges nonces over <paramref name="inner"/> and returns the protected stream, which owns <paramref name="inner"/>.</summary>
    /// <exception cref="EndOfStreamException">The peer closed before sending its nonce.</exception>
    public static async Task<Stream> ProtectAsync(Stream inner, PreSharedKey key, CancellationToken cancellationToken = default)
    {
        var ownNonce = RandomNumberGenerator.GetBytes(NonceLength);
        await inner.WriteAsync(ownNonce, cancellationToken).ConfigureAwait(false);
        await inner.FlushAsync(cancellationToken).ConfigureAwait(false);
        var peerNonce = new byte[NonceLength];
        await inner.ReadExactlyAsync(peerNonce, cancellationToken).ConfigureAwait(false);
        return new PnetStream(inner, new XSalsa20KeyStream(key.Key, ownNonce), new XSalsa20KeyStream(key.Key, peerNonce));
    }
}
