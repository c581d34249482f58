using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;

namespace Mesh.Libp2p.Pnet;

/// <summary>An XSalsa20 keystream (BouncyCastle's engine) applied by XOR, continuous across calls.</summary>
internal sealed class XSalsa20KeyStream
{
    private readonly XSalsa20Engine _engine = new();

    public XSalsa20KeyStream(ReadOnlySpan<byte> key, byte[] nonce) =>
        _engine.Init(forEncryption: true, new ParametersWithIV(new KeyParameter(key), nonce));

    /// <summary>XORs the next <c>input.Length</c> keystream bytes with <paramref name="input"/> into <paramref name="output"/>.</summary>
    public void Apply(ReadOnlySpan<byte> input, Span<byte> output) => _engine.ProcessBytes(input, output);
}
