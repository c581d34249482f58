using System.Buffers;
using MessagePack;
using Mesh.Core.Journal;

namespace Mesh.Core.Ledger;

internal ref partial struct LedgerPayloadReader
{
    /// <summary>
    /// Key 14 <c>journal</c>: <c>[height uint, head bin32, given, used, ...]</c>, each amount
    /// <c>[cpuSeconds f64, memoryByteSeconds f64, gpuSeconds f64, tasks uint, ...]</c>; later elements are skipped.
    /// Finite and not negative is a rule (<see cref="LedgerEntryRules"/>), checked after the whole entry is read.
    /// </summary>
    private bool TryReadJournal(out JournalSummary? journal)
    {
        journal = null;
        if (!TryReadArrayHeader(MaxTupleLength, "the journal", out var count))
        {
            return false;
        }

        if (count < 4)
        {
            return Fail("the journal has fewer than 4 elements");
        }

        if (!TryReadCount("the journal height", out var height))
        {
            return false;
        }

        if (_reader.NextMessagePackType != MessagePackType.Binary)
        {
            return Fail("the journal head is not binary");
        }

        // A slice of the input: its length is known before anything is copied.
        var head = _reader.ReadBytes()!.Value;
        if (head.Length != JournalHead.HashLength)
        {
            return Fail($"the journal head is {head.Length} bytes, not {JournalHead.HashLength}");
        }

        var hash = BuffersExtensions.ToArray(head);
        if (!TryReadAmount("given", out var given) || !TryReadAmount("used", out var used) || !TrySkipMany(count - 4))
        {
            return false;
        }

        journal = new JournalSummary(new JournalHead(height, hash), new Contribution(given!, used!));
        return true;
    }

    private bool TryReadAmount(string what, out ResourceSeconds? amount)
    {
        amount = null;
        if (!TryReadArrayHeader(MaxTupleLength, $"the journal's {what}", out var count))
        {
            return false;
        }

        if (count < 4)
        {
            return Fail($"the journal's {what} has fewer than 4 elements");
        }

        if (!TryReadDouble(out var cpu) || !TryReadDouble(out var memory) || !TryReadDouble(out var gpu)
            || !TryReadCount($"the journal's {what} task count", out var tasks) || !TrySkipMany(count - 4))
        {
            return false;
        }

        amount = new ResourceSeconds(cpu, memory, gpu, tasks);
        return true;
    }

    /// <summary>An unsigned integer that fits a long (heights and counts are longs in this implementation).</summary>
    private bool TryReadCount(string what, out long value)
    {
        value = 0;
        if (_reader.NextMessagePackType != MessagePackType.Integer)
        {
            return Fail($"{what} is not an integer");
        }

        // ReadUInt64 throws OverflowException for a negative integer, which the codec reports as malformed.
        var raw = _reader.ReadUInt64();
        if (raw > long.MaxValue)
        {
            return Fail($"{what} is out of range");
        }

        value = (long)raw;
        return true;
    }
}
