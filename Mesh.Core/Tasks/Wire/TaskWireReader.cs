using System.Buffers;
using System.Text;
using MessagePack;
using Mesh.Core.Resources;
using Mesh.Core.Wire;

namespace Mesh.Core.Tasks.Wire;

/// <summary>
/// Bounded reads of the task protocol's values over one whole message. Every length and count is checked against
/// <see cref="TaskWireLimits"/> before anything is allocated; a broken rule throws <see cref="TaskWireFormatException"/>,
/// which <see cref="TaskWireCodec"/> turns into <see cref="TaskWireStatus.Invalid"/>.
/// </summary>
internal ref partial struct TaskWireReader
{
    /// <summary>The longest peer id multihash accepted (an Ed25519 id is 38 bytes).</summary>
    private const int MaxPeerIdLength = 128;

    private MessagePackReader _reader;

    public TaskWireReader(ReadOnlySequence<byte> message, TaskWireLimits limits)
    {
        _reader = new MessagePackReader(message);
        Limits = limits;
    }

    public TaskWireLimits Limits { get; }

    public readonly bool End => _reader.End;

    public static TaskWireFormatException Invalid(string reason) => new(reason);

    /// <summary>Reads a body map's header; returns its entry count.</summary>
    public int ReadMapHeader(string what)
    {
        Expect(MessagePackType.Map, what, "a map");
        var count = _reader.ReadMapHeader();
        return count <= Limits.MaxMapEntries ? count : throw Invalid($"{what} has {count} entries, over {Limits.MaxMapEntries}");
    }

    /// <summary>
    /// Reads a map key. A known key (0 to <paramref name="highestKnown"/>) is returned and recorded in
    /// <paramref name="seen"/> (a repeat is invalid); any other integer returns -1 and the caller skips its value.
    /// </summary>
    public int ReadKey(ref ulong seen, int highestKnown, string what)
    {
        Expect(MessagePackType.Integer, $"a key of {what}", "an integer");
        var key = _reader.ReadInt64();
        if (key < 0 || key > highestKnown)
        {
            return -1;
        }

        var bit = 1UL << (int)key;
        if ((seen & bit) != 0)
        {
            throw Invalid($"{what} repeats key {key}");
        }

        seen |= bit;
        return (int)key;
    }

    /// <summary>Checks every key of <paramref name="required"/> (a bit per key) was read.</summary>
    public static void Require(ulong seen, ulong required, string what)
    {
        if ((seen & required) != required)
        {
            var missing = System.Numerics.BitOperations.TrailingZeroCount(required & ~seen);
            throw Invalid($"{what} lacks required key {missing}");
        }
    }

    /// <summary>Skips the value of an unknown key, its containers nested at most <see cref="TaskWireLimits.MaxSkipDepth"/> levels.</summary>
    public void Skip()
    {
        if (!MessagePackSkipper.TrySkip(ref _reader, 0, Limits.MaxSkipDepth))
        {
            throw Invalid($"an unknown value nests deeper than {Limits.MaxSkipDepth}");
        }
    }

    /// <summary>True (and consumed) when the next value is nil: an optional field written as absent.</summary>
    public bool TryReadNil() => _reader.TryReadNil();

    public int ReadArrayHeader(int max, string what)
    {
        Expect(MessagePackType.Array, what, "an array");
        var count = _reader.ReadArrayHeader();
        return count <= max ? count : throw Invalid($"{what} has {count} elements, over {max}");
    }

    /// <summary>An integer from 0 to <see cref="long.MaxValue"/>.</summary>
    public long ReadNonNegative(string what)
    {
        Expect(MessagePackType.Integer, what, "an integer");
        var value = _reader.ReadInt64();
        return value >= 0 ? value : throw Invalid($"{what} is negative");
    }

    /// <summary>An integer from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public int ReadInt32(string what, int min = int.MinValue, int max = int.MaxValue)
    {
        Expect(MessagePackType.Integer, what, "an integer");
        var value = _reader.ReadInt64();
        return value >= min && value <= max ? (int)value : throw Invalid($"{what} is out of range ({min} to {max})");
    }

    public bool ReadBoolean(string what)
    {
        Expect(MessagePackType.Boolean, what, "a boolean");
        return _reader.ReadBoolean();
    }

    /// <summary>A float64 (float32 and integers accepted) that is finite and not negative.</summary>
    public double ReadAmount(string what)
    {
        var type = _reader.NextMessagePackType;
        if (type is not (MessagePackType.Float or MessagePackType.Integer))
        {
            throw Invalid($"{what} is not a number");
        }

        var value = _reader.ReadDouble();
        return double.IsFinite(value) && value >= 0 ? value : throw Invalid($"{what} is negative or not finite");
    }

    /// <summary>A binary value of at most <paramref name="max"/> bytes, returned as its slice of the message (no copy).</summary>
    public ReadOnlySequence<byte> ReadBinary(int max, string what)
    {
        Expect(MessagePackType.Binary, what, "binary");
        var bytes = _reader.ReadBytes()!.Value;
        return bytes.Length <= max ? bytes : throw Invalid($"{what} is {bytes.Length} bytes, over {max}");
    }

    /// <summary>A UTF-8 string of at most <paramref name="maxBytes"/> bytes; invalid UTF-8 is refused.</summary>
    public string ReadString(int maxBytes, string what) => ReadString(maxBytes, what, out _);

    /// <summary>As <see cref="ReadString(int, string)"/>, also giving its UTF-8 length for sum limits.</summary>
    public string ReadString(int maxBytes, string what, out int byteCount)
    {
        Expect(MessagePackType.String, what, "a string");

        // ReadStringSequence slices the input without copying, so the limit is checked before any allocation.
        var bytes = _reader.ReadStringSequence()!.Value;
        if (bytes.Length > maxBytes)
        {
            throw Invalid($"{what} is over {maxBytes} bytes");
        }

        byteCount = (int)bytes.Length;
        try
        {
            return StrictUtf8.Encoding.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw Invalid($"{what} is not valid UTF-8");
        }
    }

    /// <summary>A timestamp: milliseconds since the Unix epoch in the years 0001-9999.</summary>
    public DateTimeOffset ReadTimestamp(string what)
    {
        Expect(MessagePackType.Integer, what, "an integer");
        var milliseconds = _reader.ReadInt64();
        if (milliseconds < DateTimeOffset.MinValue.ToUnixTimeMilliseconds() || milliseconds > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            throw Invalid($"{what} is out of range");
        }

        return DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
    }

    /// <summary>A duration of at least 1 ms and at most 2^53 ms (so it fits a <see cref="TimeSpan"/>), in milliseconds.</summary>
    public TimeSpan ReadPositiveMilliseconds(string what)
    {
        var value = ReadNonNegative(what);
        if (value is <= 0 or > TaskWireValues.MaxDurationMilliseconds)
        {
            throw Invalid($"{what} is out of range (1 to {TaskWireValues.MaxDurationMilliseconds} ms)");
        }

        // 2^53 ms is past TimeSpan (about 29,000 years): a longer duration than TimeSpan holds means "as long as can be".
        return value >= (long)TimeSpan.MaxValue.TotalMilliseconds ? TimeSpan.MaxValue : TimeSpan.FromMilliseconds(value);
    }

    /// <summary>A duration in microseconds, not negative, at most 2^53.</summary>
    public TimeSpan ReadMicroseconds(string what)
    {
        var value = ReadNonNegative(what);
        return value <= TaskWireValues.MaxDurationMicroseconds
            ? TimeSpan.FromMicroseconds(value)
            : throw Invalid($"{what} is out of range (0 to {TaskWireValues.MaxDurationMicroseconds} µs)");
    }

    /// <summary>[cpu, memory, disk, gpu, ...]: further elements are future resource kinds and are skipped.</summary>
    public ResourceVector ReadResources(string what)
    {
        var count = ReadArrayHeader(16, what);
        if (count < 4)
        {
            throw Invalid($"{what} has fewer than 4 elements");
        }

        var cpu = ReadAmount($"{what} cpu");
        var memory = ReadNonNegative($"{what} memory");
        var disk = ReadNonNegative($"{what} disk");
        var gpu = ReadInt32($"{what} gpu", 0);
        for (var i = 4; i < count; i++)
        {
            Skip();
        }

        return new ResourceVector(cpu, memory, disk, gpu);
    }

    private readonly void Expect(MessagePackType type, string what, string description)
    {
        if (_reader.NextMessagePackType != type)
        {
            throw Invalid($"{what} is not {description}");
        }
    }
}
