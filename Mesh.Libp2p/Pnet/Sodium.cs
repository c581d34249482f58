using System.Runtime.InteropServices;

namespace Mesh.Libp2p.Pnet;

/// <summary>
/// The libsodium functions Mesh.Libp2p uses: XSalsa20 from a block counter (pnet, here), X25519
/// (<c>Sodium.Curve25519.cs</c>, for Noise) and Ed25519 (<c>Sodium.Ed25519.cs</c>, for identities). libsodium ships
/// as a native package; where it cannot be loaded, <see cref="IsAvailable"/> is false and each caller uses
/// BouncyCastle's managed implementation instead (chosen once per process).
/// </summary>
internal static partial class Sodium
{
    private const string Library = "libsodium";

    /// <summary>True when libsodium loaded and initialised.</summary>
    public static bool IsAvailable { get; } = Initialise();

    /// <summary>XORs <paramref name="input"/> with the XSalsa20 keystream starting at 64-byte block <paramref name="block"/>.</summary>
    public static void XorFromBlock(ReadOnlySpan<byte> input, Span<byte> output, ReadOnlySpan<byte> nonce, ulong block, ReadOnlySpan<byte> key)
    {
        if (output.Length < input.Length || nonce.Length != 24 || key.Length != 32)
        {
            throw new ArgumentException("XSalsa20 needs a 24-byte nonce, a 32-byte key and room for the output.");
        }

        if (crypto_stream_xsalsa20_xor_ic(output, input, (ulong)input.Length, nonce, block, key) != 0)
        {
            throw new InvalidOperationException("libsodium crypto_stream_xsalsa20_xor_ic failed.");
        }
    }

    private static bool Initialise()
    {
        try
        {
            // 0: initialised now; 1: already initialised; -1: failure.
            return sodium_init() >= 0;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            return false;
        }
    }

    [LibraryImport(Library)]
    private static partial int sodium_init();

    [LibraryImport(Library)]
    private static partial int crypto_stream_xsalsa20_xor_ic(Span<byte> c, ReadOnlySpan<byte> m, ulong mlen, ReadOnlySpan<byte> n, ulong ic, ReadOnlySpan<byte> k);
}
