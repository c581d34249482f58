using System.Security.Cryptography;

namespace Mesh.Libp2p.Noise;

/// <summary>
/// HKDF as the Noise spec defines it (§4.3) over HMAC-SHA256, with two outputs:
/// <c>temp = HMAC(ck, ikm)</c>, <c>o1 = HMAC(temp, 0x01)</c>, <c>o2 = HMAC(temp, o1 ‖ 0x02)</c>.
/// </summary>
internal static class NoiseHkdf
{
    public const int HashLength = 32;

    public static void DeriveTwo(ReadOnlySpan<byte> chainingKey, ReadOnlySpan<byte> inputKeyMaterial, Span<byte> output1, Span<byte> output2)
    {
        Span<byte> temp = stackalloc byte[HashLength];
        Span<byte> block = stackalloc byte[HashLength + 1];
        try
        {
            HMACSHA256.HashData(chainingKey, inputKeyMaterial, temp);

            block[0] = 0x01;
            HMACSHA256.HashData(temp, block[..1], output1);

            output1.CopyTo(block);
            block[HashLength] = 0x02;
            HMACSHA256.HashData(temp, block, output2);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(temp);
            CryptographicOperations.ZeroMemory(block);
        }
    }
}
