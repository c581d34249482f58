using Mesh.Core.Remote;
using Mesh.Libp2p;
using Mesh.Libp2p.Channels;
using Mesh.Libp2p.Host;
using Mesh.Libp2p.Identity;

namespace Mesh.Core.Journal.Audit;

/// <summary>
/// The requesting side of <c>/mesh/journal/1.0.0</c>: opens a stream to the peer (dialing it first when not connected),
/// sends one request, half-closes, reads one answer and checks it against the request and the limits.
/// </summary>
public sealed class Libp2pJournalFetcher : IJournalFetcher
{
    private readonly Func<PeerId, CancellationToken, Task<IDuplexChannel>> _openStream;
    private readonly JournalFetchOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Creates a fetcher over the node's host.</summary>
    /// <param name="host">The node's host.</param>
    /// <param name="ledgerAddresses">The addresses a peer lists in its newest ledger entry (none when unknown), dialed when it is not connected.</param>
    /// <param name="options">Limits and the request timeout (defaults when null).</param>
    /// <param name="time">The clock of the timeout.</param>
    public Libp2pJournalFetcher(ILibp2pHost host, Func<PeerId, IReadOnlyList<string>> ledgerAddresses, JournalFetchOptions? options = null, TimeProvider? time = null)
        : this(Opener(new PeerStreamOpener(host, ledgerAddresses)), options, time)
    {
    }

    private static Func<PeerId, CancellationToken, Task<IDuplexChannel>> Opener(PeerStreamOpener opener) =>
        (peer, cancellationToken) => opener.OpenAsync(peer, JournalFetchProtocol.ProtocolId, cancellationToken);

    /// <summary>Creates a fetcher over any way of opening a journal-protocol stream to a peer (tests use in-memory channels).</summary>
    /// <param name="openStream">Opens a negotiated <c>/mesh/journal/1.0.0</c> stream; throws <see cref="PeerUnreachableException"/> when it cannot.</param>
    /// <param name="options">Limits and the request timeout (defaults when null).</param>
    /// <param name="time">The clock of the timeout.</param>
    public Libp2pJournalFetcher(Func<PeerId, CancellationToken, Task<IDuplexChannel>> openStream, JournalFetchOptions? options = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(openStream);
        _options = options ?? new JournalFetchOptions();
        _options.Validate();
        _openStream = openStream;
        _time = time ?? TimeProvider.System;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fromHeight"/> is under 1, or <paramref name="maxEntries"/> is not 1 to <see cref="JournalFetchOptions.MaxEntriesPerPage"/>.</exception>
    public async Task<JournalPage> FetchAsync(PeerId peer, long fromHeight, int maxEntries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(peer);
        ArgumentOutOfRangeException.ThrowIfLessThan(fromHeight, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEntries, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxEntries, _options.MaxEntriesPerPage);
        using var deadline = new CancellationTokenSource(_options.RequestTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            var stream = await _openStream(peer, linked.Token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                return await ExchangeAsync(stream, peer, fromHeight, maxEntries, linked.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PeerUnreachableException($"peer {peer} did not answer a journal request within {_options.RequestTimeout}", ex);
        }
        catch (Exception ex) when (ex is IOException or Libp2pException)
        {
            // The peer reset the stream (busy, or it found the request malformed) or the connection dropped.
            throw new PeerUnreachableException($"the journal stream to {peer} broke: {ex.Message}", ex);
        }
    }

    private async Task<JournalPage> ExchangeAsync(IDuplexChannel stream, PeerId peer, long fromHeight, int maxEntries, CancellationToken cancellationToken)
    {
        await JournalWireStream.WriteFrameAsync(stream.Output, JournalWireCodec.EncodeRequest(new JournalFetchRequest(fromHeight, maxEntries)), cancellationToken).ConfigureAwait(false);
        await stream.CloseWriteAsync(cancellationToken).ConfigureAwait(false);
        var payload = await JournalWireStream.ReadFrameAsync(stream.Input, _options.MaxFrameSize, cancellationToken).ConfigureAwait(false)
            ?? throw new JournalProtocolException($"{peer} closed the journal stream without an answer");
        if (!JournalWireCodec.TryDecodeResponse(new(payload), _options, out var page, out var error))
        {
            throw new JournalProtocolException($"{peer} sent a malformed journal answer: {error}");
        }

        // docs/protocol.md, "Journal": at most max entries, consecutive from `from`, none past the head it announces.
        if (page!.Entries.Count > maxEntries)
        {
            throw new JournalProtocolException($"{peer} sent {page.Entries.Count} journal entries; {maxEntries} were asked for");
        }

        if (page.Entries.Count > 0 && fromHeight + page.Entries.Count - 1 > page.Head.Height)
        {
            throw new JournalProtocolException(
                $"{peer} sent journal entries up to height {fromHeight + page.Entries.Count - 1}, past the head it announced ({page.Head.Height})");
        }

        return page;
    }
}
