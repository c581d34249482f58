using System.Security.Cryptography;

namespace Mesh.Libp2p.Pnet;

/// <summary>
/// The libp2p private network protector (PSK v1, wire notes §12.2). It runs directly on the raw connection,
/// below multistream-select and Noise: both sides send a random 24-byte nonce at once, then every byte each
/// way is XORed with XSalsa20(PSK, the sender's nonce). There is no MAC: a wrong key just yields garbage,
/// which the multistream or Noise layer above then rejects.
/// </summary>
public static class PnetProtector
{
    /// <summary>The XSalsa20 nonce length each side sends.</summary>
    public const int NonceLength = 24;

    /// <summary>Exchanges nonces on <paramref name="inner"/> and returns the protected stream.</summary>
    /// <param name="inner">The raw connection. On success the returned stream owns it; on failure the caller still does.</param>
    /// <param name="psk">The network's key.</param>
    /// <param name="cancellationToken">Bounds the exchange (js allows 1 s when it has no other deadline).</param>
    /// <returns>A stream that decrypts reads and encrypts writes; it reads exactly 24 bytes from <paramref name="inner"/> first, no more.</returns>
    /// <exception cref="PnetException">The connection ended before the peer's nonce arrived.</exception>
    public static Task<Stream> ProtectAsync(Stream inner, PreSharedKey psk, CancellationToken cancellationToken = default) =>
        ProtectAsync(inner, psk, RandomNumberGenerator.GetBytes(NonceLength), cancellationToken);

    /// <summary>As above with a fixed local nonce, to reproduce test vectors.</summary>
    internal static async Task<Stream> ProtectAsync(Stream inner, PreSharedKey psk, byte[] localNonce, CancellationToken cancellationToken)
    {
        var remoteNonce = new byte[NonceLength];

        // §12.2: send our nonce without waiting for the peer's; read exactly the peer's 24 bytes, so
        // whatever follows them stays in the stream for the XOR layer.
        var send = SendNonceAsync(inner, localNonce, cancellationToken);
        var receive = inner.ReadExactlyAsync(remoteNonce, cancellationToken).AsTask();
        try
        {
            await Task.WhenAll(send, receive).ConfigureAwait(false);
        }
        catch (EndOfStreamException ex)
        {
            throw new PnetException("The connection ended before the peer's 24-byte private network nonce arrived.", ex);
        }

        return new PnetStream(inner, psk, localNonce, remoteNonce);
    }

    private static async Task SendNonceAsync(Stream inner, byte[] nonce, CancellationToken cancellationToken)
    {
        await inner.WriteAsync(nonce, cancellationToken).ConfigureAwait(false);
        await inner.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
