using System.Numerics;
using System.Text;

namespace Mesh.Libp2p.Encoding;

/// <summary>Base58btc (the Bitcoin alphabet), used for legacy PeerId strings.</summary>
public static class Base58
{
    private const string Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static readonly sbyte[] Index = BuildIndex();

    /// <summary>Encodes bytes as base58btc.</summary>
    public static string Encode(ReadOnlySpan<byte> data)
    {
        var zeros = 0;
        while (zeros < data.Length && data[zeros] == 0)
        {
            zeros++;
        }

        var value = new BigInteger(data, isUnsigned: true, isBigEndian: true);
        var sb = new StringBuilder();
        while (value > 0)
        {
            value = BigInteger.DivRem(value, 58, out var remainder);
            sb.Insert(0, Alphabet[(int)remainder]);
        }

        sb.Insert(0, new string('1', zeros));
        return sb.ToString();
    }

    /// <summary>Decodes base58btc text; false for any character outside the alphabet.</summary>
    public static bool TryDecode(string text, out byte[] bytes)
    {
        bytes = [];
        var value = BigInteger.Zero;
        var zeros = 0;
        while (zeros < text.Length && text[zeros] == '1')
        {
            zeros++;
        }

        foreach (var c in text)
        {
            var digit = c < 128 ? Index[c] : (sbyte)-1;
            if (digit < 0)
            {
                return false;
            }

            value = (value * 58) + digit;
        }

        var body = value.IsZero ? [] : value.ToByteArray(isUnsigned: true, isBigEndian: true);
        bytes = new byte[zeros + body.Length];
        body.CopyTo(bytes, zeros);
        return true;
    }

    private static sbyte[] BuildIndex()
    {
        var index = new sbyte[128];
        Array.Fill(index, (sbyte)-1);
        for (var i = 0; i < Alphabet.Length; i++)
        {
            index[Alphabet[i]] = (sbyte)i;
        }

        return index;
    }
}
