using Mesh.Libp2p;
using Mesh.Libp2p.Channels;
using Mesh.Libp2p.Host;
using Mesh.Libp2p.Identity;
using Microsoft.Extensions.Logging;

namespace Mesh.Core.Journal.Audit;

/// <summary>
/// The serving side of <c>/mesh/journal/1.0.0</c> (docs/protocol.md, "Journal"): reads one request, answers with this
/// node's entries from the height asked for (their exact stored bytes, as many as fit the frame and the request) and
/// its head, then closes. A malformed request, none within <see cref="JournalFetchOptions.RequestTimeout"/>, or a
/// stream past <see cref="JournalFetchOptions.MaxConcurrentRequests"/> is reset; nothing a peer sends escapes it.
/// </summary>
public sealed partial class JournalProtocolHandler
{
    private readonly IComputeJournal _journal;
    private readonly JournalFetchOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private int _serving;

    /// <summary>Creates the handler over this node's journal.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public JournalProtocolHandler(IComputeJournal journal, JournalFetchOptions? options, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options ?? new JournalFetchOptions();
        _options.Validate();
        _journal = journal;
        _time = time;
        _logger = logger;
    }

    /// <summary>Serves one inbound stream (a <see cref="StreamHandler"/>).</summary>
    public Task HandleAsync(Libp2pStream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ServeAsync(stream, stream.RemotePeer, cancellationToken);
    }

    /// <summary>Serves one request on <paramref name="channel"/>, opened by <paramref name="peer"/>. The caller disposes the channel.</summary>
    public async Task ServeAsync(IDuplexChannel channel, PeerId peer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(peer);

        // Refused rather than queued: a queue would hold streams (and their buffers) open for whoever opens the most.
        if (Interlocked.Increment(ref _serving) > _options.MaxConcurrentRequests)
        {
            Interlocked.Decrement(ref _serving);
            LogBusy(_logger, peer, _options.MaxConcurrentRequests);
            channel.Abort();
            return;
        }

        try
        {
            using var deadline = new CancellationTokenSource(_options.RequestTimeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
            await AnswerAsync(channel, peer, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogRefused(_logger, peer, $"no answer done within {_options.RequestTimeout}");
            channel.Abort();
        }
        catch (OperationCanceledException)
        {
            // The connection or the host is closing.
            channel.Abort();
        }
        catch (Exception ex) when (ex is JournalProtocolException or IOException or Libp2pException or InvalidOperationException or ArgumentException)
        {
            LogRefused(_logger, peer, ex.Message);
            channel.Abort();
        }
        finally
        {
            Interlocked.Decrement(ref _serving);
        }
    }

    private async Task AnswerAsync(IDuplexChannel channel, PeerId peer, CancellationToken cancellationToken)
    {
        var payload = await JournalWireStream.ReadFrameAsync(channel.Input, _options.MaxFrameSize, cancellationToken).ConfigureAwait(false)
            ?? throw new JournalProtocolException("the stream ended before a request");
        if (!JournalWireCodec.TryDecodeRequest(new(payload), _options, out var request, out var error))
        {
            throw new JournalProtocolException($"malformed request: {error}");
        }

        var page = Page(request!);
        await JournalWireStream.WriteFrameAsync(channel.Output, JournalWireCodec.EncodeResponse(page, _options), cancellationToken).ConfigureAwait(false);
        await channel.CloseWriteAsync(cancellationToken).ConfigureAwait(false);
        LogServed(_logger, peer, request!.From, page.Entries.Count, page.Head.Height);
    }

    /// <summary>
    /// The entries first, then the head: an append in between makes the head newer than the entries, never older, so
    /// the requester's check that no entry lies past the head holds.
    /// </summary>
    private JournalPage Page(JournalFetchRequest request)
    {
        var entries = _journal.ReadRaw(request.From, request.Max);
        var head = _journal.Head;
        var budget = _options.MaxFrameSize - JournalWireCodec.ResponseOverhead;
        var fitting = new List<ReadOnlyMemory<byte>>(Math.Min(entries.Count, request.Max));
        foreach (var entry in entries.Take(request.Max))
        {
            budget -= JournalWireCodec.EncodedEntrySize(entry.Length);
            if (budget < 0 || entry.Length > _options.MaxEntrySize)
            {
                // An entry over the size limit cannot be served (nor be in a journal this node wrote): stop before it.
                break;
            }

            fitting.Add(entry);
        }

        return new JournalPage(head, fitting);
    }

    [LoggerMessage(EventId = 1840, Level = LogLevel.Debug, Message = "Served {Peer} {Count} journal entries from height {From} (head {Height})")]
    private static partial void LogServed(ILogger logger, PeerId peer, long from, int count, long height);

    // Debug, not Warning: a hostile peer could otherwise fill the log.
    [LoggerMessage(EventId = 1841, Level = LogLevel.Debug, Message = "Reset a journal stream from {Peer}: {Reason}")]
    private static partial void LogRefused(ILogger logger, PeerId peer, string reason);

    [LoggerMessage(EventId = 1842, Level = LogLevel.Debug, Message = "Reset a journal stream from {Peer}: already serving {Limit} requests")]
    private static partial void LogBusy(ILogger logger, PeerId peer, int limit);
}
