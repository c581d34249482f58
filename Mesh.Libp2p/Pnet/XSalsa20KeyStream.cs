using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;

namespace Mesh.Libp2p.Pnet;

/// <summary>
/// An XSalsa20 keystream applied by XOR, continuous across calls. Uses libsodium (native, several times
/// faster) when it loads, else BouncyCastle's managed engine; both give the same bytes.
/// </summary>
internal sealed class XSalsa20KeyStream
{
    private const int BlockSize = 64;
    private readonly byte[] _key;
    private readonly byte[] _nonce;
    private readonly XSalsa20Engine? _managed;
    private ulong _position;

    public XSalsa20KeyStream(ReadOnlySpan<byte> key, byte[] nonce, bool preferNative = true)
    {
        _key = key.ToArray();
        _nonce = nonce;
        if (!preferNative || !Sodium.IsAvailable)
        {
            _managed = new XSalsa20Engine();
            _managed.Init(forEncryption: true, new ParametersWithIV(new KeyParameter(key), nonce));
        }
    }

    /// <summary>True when the native implementation is in use.</summary>
    public bool IsNative => _managed is null;

    /// <summary>XORs the next <c>input.Length</c> keystream bytes with <paramref name="input"/> into <paramref name="output"/> (which may be the same memory).</summary>
    public void Apply(ReadOnlySpan<byte> input, Span<byte> output)
    {
        if (_managed is not null)
        {
            _managed.ProcessBytes(input, output);
            return;
        }

        // libsodium starts at a block boundary: finish a block begun by the previous call first.
        var offsetInBlock = (int)(_position % BlockSize);
        if (offsetInBlock != 0 && !input.IsEmpty)
        {
            Span<byte> block = stackalloc byte[BlockSize];
            block.Clear();
            Sodium.XorFromBlock(block, block, _nonce, _position / BlockSize, _key);
            var head = Math.Min(BlockSize - offsetInBlock, input.Length);
            for (var i = 0; i < head; i++)
            {
                output[i] = (byte)(input[i] ^ block[offsetInBlock + i]);
            }

            _position += (ulong)head;
            input = input[head..];
            output = output[head..];
        }

        if (!input.IsEmpty)
        {
            Sodium.XorFromBlock(input, output, _nonce, _position / BlockSize, _key);
            _position += (ulong)input.Length;
        }
    }
}
