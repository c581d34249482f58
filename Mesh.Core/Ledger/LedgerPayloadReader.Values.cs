using System.Buffers;
using System.Text;
using MessagePack;
using Mesh.Core.Resources;
using Mesh.Core.Wire;
using Mesh.Libp2p.Identity;

namespace Mesh.Core.Ledger;

internal ref partial struct LedgerPayloadReader
{
    /// <summary>The longest peer id multihash accepted (an Ed25519 id is 38 bytes; a SHA-256 one 34).</summary>
    private const int MaxPeerIdLength = 128;

    private bool TryReadPeer(out PeerId? peer)
    {
        peer = null;
        if (_reader.NextMessagePackType != MessagePackType.Binary)
        {
            return Fail("the peer id is not binary");
        }

        var bytes = _reader.ReadBytes()!.Value;
        if (bytes.Length > MaxPeerIdLength)
        {
            return Fail(LedgerDecodeStatus.TooLarge, $"the peer id is over {MaxPeerIdLength} bytes");
        }

        Span<byte> buffer = stackalloc byte[(int)bytes.Length];
        bytes.CopyTo(buffer);
        return PeerId.TryFromBytes(buffer, out peer) || Fail("the peer id is not a valid multihash");
    }

    private bool TryReadString(int maxBytes, string what, out string? value)
    {
        value = null;
        if (_reader.NextMessagePackType != MessagePackType.String)
        {
            return Fail($"the {what} is not a string");
        }

        // ReadStringSequence slices the input without copying, so the limit is checked before any allocation.
        var bytes = _reader.ReadStringSequence()!.Value;
        if (bytes.Length > maxBytes)
        {
            return Fail(LedgerDecodeStatus.TooLarge, $"the {what} is over {maxBytes} bytes");
        }

        try
        {
            value = StrictUtf8.Encoding.GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return Fail($"the {what} is not valid UTF-8");
        }
    }

    private bool TryReadUInt64(out ulong value)
    {
        value = 0;
        if (_reader.NextMessagePackType != MessagePackType.Integer)
        {
            return Fail("the version is not an integer");
        }

        value = _reader.ReadUInt64();
        return true;
    }

    private bool TryReadTimestamp(out DateTimeOffset value)
    {
        value = default;
        if (_reader.NextMessagePackType != MessagePackType.Integer)
        {
            return Fail("issuedAt is not an integer");
        }

        var milliseconds = _reader.ReadInt64();
        if (milliseconds < DateTimeOffset.MinValue.ToUnixTimeMilliseconds() || milliseconds > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            return Fail("issuedAt is out of range");
        }

        value = DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
        return true;
    }

    private bool TryReadInt32(out int value)
    {
        value = 0;
        if (_reader.NextMessagePackType != MessagePackType.Integer)
        {
            return Fail("a count is not an integer");
        }

        value = _reader.ReadInt32();
        return true;
    }

    private bool TryReadDouble(out double value)
    {
        value = 0;
        var type = _reader.NextMessagePackType;
        if (type is not (MessagePackType.Float or MessagePackType.Integer))
        {
            return Fail("a number is not a float or an integer");
        }

        value = _reader.ReadDouble();
        return true;
    }

    private bool TryReadLong(out long value)
    {
        value = 0;
        if (_reader.NextMessagePackType != MessagePackType.Integer)
        {
            return Fail("an amount is not an integer");
        }

        value = _reader.ReadInt64();
        return true;
    }

    private bool TryReadArrayHeader(int max, string what, out int count)
    {
        count = 0;
        if (_reader.NextMessagePackType != MessagePackType.Array)
        {
            return Fail($"{what} is not an array");
        }

        count = _reader.ReadArrayHeader();
        return count <= max || Fail(LedgerDecodeStatus.TooLarge, $"{what} has {count} elements, over {max}");
    }

    private bool TryReadAddresses(out string[]? addresses)
    {
        addresses = null;
        if (!TryReadArrayHeader(_limits.MaxAddresses, "the address list", out var count))
        {
            return false;
        }

        var list = new string[count];
        for (var i = 0; i < count; i++)
        {
            if (!TryReadString(_limits.MaxAddressLength, "address", out var address))
            {
                return false;
            }

            list[i] = address!;
        }

        addresses = list;
        return true;
    }

    /// <summary>[cpu, memory, disk, gpu, ...]: elements after the fourth are future resource kinds and are skipped.</summary>
    private bool TryReadVector(out ResourceVector vector)
    {
        vector = default;
        if (!TryReadArrayHeader(MaxTupleLength, "a resource vector", out var count))
        {
            return false;
        }

        if (count < 4)
        {
            return Fail("a resource vector has fewer than 4 elements");
        }

        if (!TryReadDouble(out var cpu) || !TryReadLong(out var memory) || !TryReadLong(out var disk) || !TryReadInt32(out var gpu))
        {
            return false;
        }

        vector = new ResourceVector(cpu, memory, disk, gpu);
        return TrySkipMany(count - 4);
    }

    /// <summary>[[model, memory, ...], ...]: elements after the second are skipped.</summary>
    private bool TryReadGpus(out GpuDevice[]? gpus)
    {
        gpus = null;
        if (!TryReadArrayHeader(_limits.MaxGpus, "the GPU list", out var count))
        {
            return false;
        }

        var list = new GpuDevice[count];
        for (var i = 0; i < count; i++)
        {
            if (!TryReadArrayHeader(MaxTupleLength, "a GPU", out var length))
            {
                return false;
            }

            if (length < 2)
            {
                return Fail("a GPU has fewer than 2 elements");
            }

            if (!TryReadString(_limits.MaxGpuModelLength, "GPU model", out var model) || !TryReadLong(out var memory) || !TrySkipMany(length - 2))
            {
                return false;
            }

            list[i] = new GpuDevice(model!, memory);
        }

        gpus = list;
        return true;
    }

    private bool TrySkipMany(int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (!TrySkip(1))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Skips one value, its containers nested at most <see cref="MaxSkipDepth"/> levels (see <see cref="MessagePackSkipper"/>).</summary>
    private bool TrySkip(int depth) =>
        MessagePackSkipper.TrySkip(ref _reader, depth, MaxSkipDepth)
        || Fail(LedgerDecodeStatus.TooLarge, $"an unknown field nests deeper than {MaxSkipDepth}");
}
