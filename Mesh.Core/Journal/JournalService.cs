using System.Diagnostics.CodeAnalysis;
using Mesh.Core.Tasks;
using Mesh.Libp2p.Identity;
using Microsoft.Extensions.Logging;

namespace Mesh.Core.Journal;

/// <summary>
/// A node's own compute journal on disk (docs/protocol.md, "Journal"). Appends are checked (both signatures, the owner a
/// party), idempotent per attempt, serialised and fsynced before they return. Memory stays small however long the
/// journal grows: only each entry's file offset and an attempt index are kept; entries are read back from the file.
/// </summary>
public sealed partial class JournalService : IComputeJournal, IDisposable
{
    private readonly SemaphoreSlim _appendGate = new(1, 1);
    private readonly Lock _sync = new();
    private readonly Dictionary<(TaskId Task, AttemptId Attempt), long> _positions = [];
    private readonly JournalOptions _options;
    private readonly ILogger<JournalService> _logger;
    private JournalStore _store = null!;
    private JournalHead _head = JournalHead.Genesis;
    private Contribution _contribution = Contribution.None;

    private JournalService(JournalOptions options, PeerId owner, ILogger<JournalService> logger)
    {
        _options = options;
        Owner = owner;
        _logger = logger;
    }

    /// <inheritdoc/>
    public event EventHandler? Changed;

    /// <inheritdoc/>
    public PeerId Owner { get; }

    /// <inheritdoc/>
    public JournalHead Head
    {
        get
        {
            lock (_sync)
            {
                return _head;
            }
        }
    }

    /// <inheritdoc/>
    public Contribution Contribution
    {
        get
        {
            lock (_sync)
            {
                return _contribution;
            }
        }
    }

    /// <inheritdoc/>
    /// <remarks>Read under the lock appends take, so an auditor summing the entries up to this head gets these amounts.</remarks>
    public JournalSummary Summary
    {
        get
        {
            lock (_sync)
            {
                return new JournalSummary(_head, _contribution);
            }
        }
    }

    /// <summary>
    /// Opens (or creates) the journal file of <paramref name="owner"/>: cuts a torn or damaged tail off (saved as
    /// evidence), then rebuilds the head, the contribution and the attempt index from the entries as read.
    /// </summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    /// <exception cref="IOException">The file cannot be opened (another process holds it, or the disk fails).</exception>
    public static JournalService Open(JournalOptions options, PeerId owner, TimeProvider time, ILogger<JournalService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        var service = new JournalService(options, owner, logger);
        service._store = JournalStore.Open(options.Path, options.MaxEntryBytes, time, logger, service.Index);
        var head = service._head;
        logger.Opened(options.Path, service._store.Count, head.Height, head.HashHex);
        return service;
    }

    /// <inheritdoc/>
    public async Task<JournalEntry> AppendAsync(SignedComputeRecord transaction, CancellationToken cancellationToken = default)
    {
        var checkedTransaction = Check(transaction);
        var record = checkedTransaction.Record;
        JournalEntry entry;
        await _appendGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (TryFind(record.Task, record.Attempt, out var existing))
            {
                return existing;
            }

            var head = Head;
            var bytes = JournalEntryCodec.Encode(head.Height + 1, head.Hash.Span, checkedTransaction);
            if (bytes.Length > _options.MaxEntryBytes)
            {
                throw new ArgumentException($"The entry is {bytes.Length} bytes, over {nameof(JournalOptions)}.{nameof(JournalOptions.MaxEntryBytes)} ({_options.MaxEntryBytes}).", nameof(transaction));
            }

            try
            {
                _store.Append(bytes);
            }
            catch (IOException ex)
            {
                _logger.AppendFailed(_options.Path, record.Attempt.ToString(), record.Task.ToString(), head.Height + 1, ex);
                throw;
            }

            entry = new JournalEntry(head.Height + 1, head.Hash, checkedTransaction, bytes, JournalEntryCodec.Hash(bytes));
            lock (_sync)
            {
                _positions[(record.Task, record.Attempt)] = _store.Count;
                _head = entry.ToHead();
                _contribution = ContributionCalculator.Add(_contribution, record, Owner);
            }
        }
        finally
        {
            _appendGate.Release();
        }

        Changed?.Invoke(this, EventArgs.Empty);
        return entry;
    }

    /// <inheritdoc/>
    public bool TryFind(TaskId task, AttemptId attempt, [NotNullWhen(true)] out JournalEntry? entry)
    {
        long position;
        lock (_sync)
        {
            if (!_positions.TryGetValue((task, attempt), out position))
            {
                entry = null;
                return false;
            }
        }

        return JournalEntryCodec.TryRead(_store.Read(position), out entry, out _);
    }

    /// <inheritdoc/>
    public IReadOnlyList<ReadOnlyMemory<byte>> ReadRaw(long fromHeight, int maxEntries)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fromHeight, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(maxEntries);
        var count = _store.Count;
        var entries = new List<ReadOnlyMemory<byte>>();
        for (var position = fromHeight; position <= count && entries.Count < maxEntries; position++)
        {
            entries.Add(_store.Read(position));
        }

        return entries;
    }

    /// <inheritdoc/>
    public JournalVerification Verify() => JournalVerifier.Verify(_store.ReadFromDisk(), JournalHead.Genesis, Owner);

    /// <inheritdoc/>
    public void Dispose()
    {
        _store.Dispose();
        _appendGate.Dispose();
    }
}
