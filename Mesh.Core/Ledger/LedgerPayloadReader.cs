using System.Buffers;
using MessagePack;
using Mesh.Core.Journal;
using Mesh.Core.Resources;
using Mesh.Libp2p.Identity;

namespace Mesh.Core.Ledger;

/// <summary>
/// Reads the payload map of a ledger entry (docs/protocol.md, "Ledger"). Every length is checked against
/// <see cref="LedgerCodecLimits"/> before anything is allocated; unknown keys are skipped with a bounded depth.
/// Methods return false and record why; the caller also catches the reader's own exceptions for truncated or
/// invalid MessagePack (it has no non-throwing reads for scalars).
/// </summary>
internal ref partial struct LedgerPayloadReader
{
    /// <summary>The deepest nesting accepted inside an unknown field (each level is at least a byte, so this bounds recursion).</summary>
    private const int MaxSkipDepth = 8;

    /// <summary>The most map entries a payload may carry, known and unknown.</summary>
    private const int MaxMapEntries = 64;

    /// <summary>The most elements of a resource vector or GPU array, known and future ones.</summary>
    private const int MaxTupleLength = 16;

    private readonly LedgerCodecLimits _limits;
    private MessagePackReader _reader;

    public LedgerPayloadReader(ReadOnlySequence<byte> payload, LedgerCodecLimits limits)
    {
        _reader = new MessagePackReader(payload);
        _limits = limits;
    }

    public LedgerDecodeStatus FailureStatus { get; private set; }

    public string? FailureReason { get; private set; }

    public bool TryRead(out LedgerEntry? entry)
    {
        entry = null;
        if (_reader.NextMessagePackType != MessagePackType.Map)
        {
            return Fail("the payload is not a map");
        }

        var count = _reader.ReadMapHeader();
        if (count > MaxMapEntries)
        {
            return Fail(LedgerDecodeStatus.TooLarge, $"the payload has {count} fields, over {MaxMapEntries}");
        }

        var fields = new Fields();
        ulong seen = 0;
        for (var i = 0; i < count; i++)
        {
            if (_reader.NextMessagePackType != MessagePackType.Integer)
            {
                return Fail("a payload key is not an integer");
            }

            var key = _reader.ReadInt64();
            if (key is < 0 or > LedgerFields.HighestKnown)
            {
                // Forward compatibility: a newer implementation may add fields; this one ignores them.
                if (!TrySkip(0))
                {
                    return false;
                }

                continue;
            }

            var bit = 1UL << (int)key;
            if ((seen & bit) != 0)
            {
                return Fail($"the payload repeats key {key}");
            }

            seen |= bit;
            if (!TryReadField((int)key, ref fields))
            {
                return false;
            }
        }

        if (!_reader.End)
        {
            return Fail("bytes follow the payload map");
        }

        if ((seen & LedgerFields.RequiredMask) != LedgerFields.RequiredMask)
        {
            return Fail("a required field is missing");
        }

        entry = fields.ToEntry();
        return true;
    }

    private bool TryReadField(int key, ref Fields fields) => key switch
    {
        LedgerFields.Peer => TryReadPeer(out fields.Peer),
        LedgerFields.Name => TryReadString(_limits.MaxNameLength, "name", out fields.Name),
        LedgerFields.Version => TryReadUInt64(out fields.Version),
        LedgerFields.IssuedAt => TryReadTimestamp(out fields.IssuedAt),
        LedgerFields.Addresses => TryReadAddresses(out fields.Addresses),
        LedgerFields.Capacity => TryReadVector(out fields.Capacity),
        LedgerFields.Reserved => TryReadVector(out fields.Reserved),
        LedgerFields.Surplus => TryReadVector(out fields.Surplus),
        LedgerFields.InUse => TryReadVector(out fields.InUse),
        LedgerFields.Gpus => TryReadGpus(out fields.Gpus),
        LedgerFields.Queued => TryReadInt32(out fields.Queued),
        LedgerFields.Running => TryReadInt32(out fields.Running),
        LedgerFields.Score => TryReadDouble(out fields.Score),
        LedgerFields.Policy => TryReadString(_limits.MaxPolicyLength, "policy", out fields.Policy),
        _ => TryReadJournal(out fields.Journal),
    };

    private bool Fail(string reason) => Fail(LedgerDecodeStatus.Malformed, reason);

    private bool Fail(LedgerDecodeStatus status, string reason)
    {
        FailureStatus = status;
        FailureReason = reason;
        return false;
    }

    /// <summary>The fields read so far, with the defaults of the optional ones.</summary>
    private struct Fields
    {
        public PeerId? Peer;
        public string? Name;
        public ulong Version;
        public DateTimeOffset IssuedAt;
        public string[]? Addresses;
        public ResourceVector Capacity;
        public ResourceVector Reserved;
        public ResourceVector Surplus;
        public ResourceVector InUse;
        public GpuDevice[]? Gpus;
        public int Queued;
        public int Running;
        public double Score;
        public string? Policy;
        public JournalSummary? Journal;

        public readonly LedgerEntry ToEntry() => new()
        {
            Peer = Peer!,
            Name = Name!,
            Version = Version,
            IssuedAt = IssuedAt,
            Addresses = Addresses ?? [],
            Capacity = Capacity,
            Reserved = Reserved,
            Surplus = Surplus,
            InUse = InUse,
            Gpus = Gpus ?? [],
            Queued = Queued,
            Running = Running,
            Score = Score,
            Policy = Policy ?? "static",
            Journal = Journal,
        };
    }
}
