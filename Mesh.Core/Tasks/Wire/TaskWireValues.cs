namespace Mesh.Core.Tasks.Wire;

/// <summary>Conversions of the task protocol's identifiers and hashes between their record and wire forms.</summary>
internal static class TaskWireValues
{
    /// <summary>The most milliseconds a duration may carry (2^53, exact in a JavaScript number and within <see cref="TimeSpan"/>).</summary>
    public const long MaxDurationMilliseconds = 1L << 53;

    /// <summary>The most microseconds a usage time may carry (2^53).</summary>
    public const long MaxDurationMicroseconds = 1L << 53;

    /// <summary>The bytes of a SHA-256.</summary>
    public const int Sha256Length = 32;

    /// <summary>The bytes of a task id on the wire.</summary>
    public const int TaskIdLength = 16;

    public static void WriteTaskId(Span<byte> destination, TaskId id)
    {
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(destination, id.High);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(destination[8..], id.Low);
    }

    /// <summary>The 32 bytes of a 64-character hex SHA-256 (either case accepted; written as given).</summary>
    /// <exception cref="ArgumentException">Not 64 hex characters.</exception>
    public static byte[] Sha256Bytes(string hex, string what)
    {
        if (hex is null || hex.Length != 2 * Sha256Length)
        {
            throw new ArgumentException($"{what} is not a 64-character hex SHA-256: '{hex}'.");
        }

        try
        {
            return Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            throw new ArgumentException($"{what} is not a 64-character hex SHA-256: '{hex}'.");
        }
    }
}
