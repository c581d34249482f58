namespace Mesh.Core.Tasks;

/// <summary>
/// Crockford's base32 alphabet in lowercase (<c>0-9</c>, then <c>a-z</c> without <c>i l o u</c>). Its characters are in
/// ascending ASCII order, so the text of a number sorts as the number does: ids sort the same as text and as integers.
/// </summary>
internal static class SortableBase32
{
    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";

    /// <summary>Writes the low <c>5 * chars</c> bits of the 128-bit value (hi, lo) as <paramref name="chars"/> characters.</summary>
    public static string Encode(ulong hi, ulong lo, int chars)
    {
        return string.Create(chars, (hi, lo), static (span, value) =>
        {
            var (h, l) = value;
            for (var i = span.Length - 1; i >= 0; i--)
            {
                span[i] = Alphabet[(int)(l & 31)];
                l = (l >> 5) | (h << 59);
                h >>= 5;
            }
        });
    }

    /// <summary>Reads exactly <paramref name="chars"/> lowercase characters whose value fits in <paramref name="maxBits"/> bits.</summary>
    public static bool TryDecode(ReadOnlySpan<char> text, int chars, int maxBits, out ulong hi, out ulong lo)
    {
        hi = 0;
        lo = 0;
        if (text.Length != chars)
        {
            return false;
        }

        // The first character carries only the bits left over: (chars * 5) - maxBits of its 5 bits must be zero.
        var spareBits = (chars * 5) - maxBits;
        for (var i = 0; i < text.Length; i++)
        {
            var digit = Alphabet.IndexOf(text[i], StringComparison.Ordinal);
            if (digit < 0 || (i == 0 && digit >> (5 - spareBits) != 0))
            {
                hi = 0;
                lo = 0;
                return false;
            }

            hi = (hi << 5) | (lo >> 59);
            lo = (lo << 5) | (uint)digit;
        }

        return true;
    }
}
