using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Mesh.Core.Tasks;

/// <summary>
/// The id of one run of a task (64 random bits, printed as 13 lowercase Crockford base32 characters). The origin gives
/// each start a fresh one; a result, lease renewal or output chunk naming any other attempt is stale and refused.
/// </summary>
public readonly record struct AttemptId
{
    /// <summary>The length of the text form.</summary>
    public const int TextLength = 13;

    /// <summary>Creates an attempt id from its value.</summary>
    public AttemptId(ulong value) => Value = value;

    /// <summary>The 64-bit value (never zero for a real attempt).</summary>
    public ulong Value { get; }

    /// <summary>True for the default value, which <see cref="New"/> never makes.</summary>
    public bool IsEmpty => Value == 0;

    /// <summary>A fresh random attempt id.</summary>
    public static AttemptId New()
    {
        Span<byte> bytes = stackalloc byte[8];
        ulong value;
        do
        {
            RandomNumberGenerator.Fill(bytes);
            value = BitConverter.ToUInt64(bytes);
        }
        while (value == 0);
        return new AttemptId(value);
    }

    /// <summary>Parses the 13-character text form; never throws.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out AttemptId id)
    {
        if (text is not null && SortableBase32.TryDecode(text, TextLength, 64, out _, out var value) && value != 0)
        {
            id = new AttemptId(value);
            return true;
        }

        id = default;
        return false;
    }

    /// <summary>Parses the text form.</summary>
    /// <exception cref="FormatException">The text is not an attempt id.</exception>
    public static AttemptId Parse(string text) =>
        TryParse(text, out var id) ? id : throw new FormatException($"'{text}' is not an attempt id");

    /// <summary>The 13-character text form.</summary>
    public override string ToString() => SortableBase32.Encode(0, Value, TextLength);
}
