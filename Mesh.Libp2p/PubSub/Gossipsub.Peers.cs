using System.Buffers;
using System.IO.Pipelines;
using System.Threading.Channels;
using Mesh.Libp2p.Host;
using Mesh.Libp2p.Identity;

namespace Mesh.Libp2p.PubSub;

public sealed partial class Gossipsub
{
    private void OnPeerIdentified(object? sender, PeerIdentifiedEventArgs e)
    {
        // §10.1: js opens its stream once identify lists a pubsub protocol; we do the same.
        if (SpeaksPubSub(e.Info))
        {
            AddPeer(e.Info.Peer);
        }
    }

    private void OnPeerDisconnected(object? sender, PeerEventArgs e)
    {
        GossipPeer? peer;
        lock (_gate)
        {
            if (!_peers.Remove(e.Peer, out peer))
            {
                return;
            }

            foreach (var mesh in _mesh.Values)
            {
                mesh.Remove(peer);
            }

            foreach (var fanout in _fanout.Values)
            {
                fanout.Remove(peer);
            }
        }

        LogPeerRemoved(_logger, e.Peer);
        StopPeer(peer);
    }

    /// <summary>Ends the peer's writer and reader. Called without the lock: cancellation runs callbacks.</summary>
    private void StopPeer(GossipPeer peer)
    {
        peer.Lifetime.Cancel();
        Libp2pStream? inbound;
        lock (_gate)
        {
            inbound = peer.Inbound;
            peer.Outbound?.Writer.TryComplete();
        }

        inbound?.Abort();
    }

    /// <summary>Adds <paramref name="id"/> as a pubsub peer, if new, and makes sure a writer runs for it.</summary>
    private GossipPeer? AddPeer(PeerId id)
    {
        lock (_gate)
        {
            if (_stopping.IsCancellationRequested)
            {
                return null;
            }

            if (!_peers.TryGetValue(id, out var peer))
            {
                peer = new GossipPeer(id);
                _peers[id] = peer;
                LogPeerAdded(_logger, id);
            }

            EnsureWriter(peer);
            return peer;
        }
    }

    /// <summary>Starts the peer's writer unless one runs. Caller holds the lock.</summary>
    private void EnsureWriter(GossipPeer peer)
    {
        if (peer.Outbound is not null || peer.Lifetime.IsCancellationRequested)
        {
            return;
        }

        var queue = Channel.CreateBounded<byte[]>(
            new BoundedChannelOptions(_options.MaxOutboundQueueLength) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true },
            _ => Statistics.OutboundDropped());

        // §10.8 "what js needs": our subscriptions first, or js will not publish to us.
        if (_subscriptions.Count > 0)
        {
            queue.Writer.TryWrite(GossipRpcEncoder.EncodeFramed(new GossipRpc(
                [.. _subscriptions.Keys.Select(t => new SubscriptionChange(true, t))], [], null)));
        }

        peer.Outbound = queue;
        if (!_tasks.TryRun(() => RunWriterAsync(peer, queue)))
        {
            peer.Outbound = null;
        }
    }

    /// <summary>Opens the one outbound stream to the peer and writes its queued RPCs until the peer goes away.</summary>
    private async Task RunWriterAsync(GossipPeer peer, Channel<byte[]> queue)
    {
        var cancellationToken = peer.Lifetime.Token;
        Libp2pStream? stream = null;
        var connectionReplaced = false;
        try
        {
            using (var open = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                open.CancelAfter(_options.StreamOpenTimeout);
                stream = await _host.OpenStreamAsync(peer.Id, GossipProtocols.All, open.Token).ConfigureAwait(false);
            }

            lock (_gate)
            {
                peer.Protocol = stream.Protocol;
            }

            LogStreamOpened(_logger, peer.Id, stream.Protocol);

            // The stream lives as long as its connection: when a duplicate connection replaced it, the peer is
            // still connected (no disconnect) but this stream is gone, so the writer must end and start over.
            using var alive = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stream.ConnectionClosing);
            var reader = queue.Reader;
            try
            {
                while (await reader.WaitToReadAsync(alive.Token).ConfigureAwait(false))
                {
                    while (reader.TryRead(out var frame))
                    {
                        stream.Output.Write(frame);
                    }

                    var flushed = await stream.Output.FlushAsync(alive.Token).ConfigureAwait(false);
                    if (flushed.IsCompleted || flushed.IsCanceled)
                    {
                        break;
                    }
                }
            }
            catch (OperationCanceledException) when (stream.ConnectionClosing.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                connectionReplaced = true;
            }
        }
        catch (Exception ex) when (ex is Libp2pException or IOException or InvalidOperationException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogWriterFailed(_logger, peer.Id, ex.Message);
        }
        catch (OperationCanceledException)
        {
            // The peer went away or the router stopped.
        }
        finally
        {
            lock (_gate)
            {
                if (peer.Outbound == queue)
                {
                    peer.Outbound = null;
                }
            }

            queue.Writer.TryComplete();
            if (stream is not null)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }

            if (connectionReplaced && _host.ConnectedPeers.Contains(peer.Id))
            {
                LogWriterReopening(_logger, peer.Id);
                lock (_gate)
                {
                    // A new stream on the surviving connection, led by our subscriptions again.
                    EnsureWriter(peer);
                }
            }
        }
    }

    /// <summary>Serves a stream the peer opened: it carries the peer's RPCs to us (§10.1, one-way).</summary>
    private async Task HandleInboundStreamAsync(Libp2pStream stream, CancellationToken cancellationToken)
    {
        GossipPeer? peer;
        Libp2pStream? previous;
        lock (_gate)
        {
            peer = _stopping.IsCancellationRequested ? null : AddPeer(stream.RemotePeer);
            if (peer is null)
            {
                return;
            }

            _inboundReaders++;
            previous = peer.Inbound;
            peer.Inbound = stream;
        }

        // js drops the older inbound stream when a new one arrives; so do we.
        previous?.Abort();
        try
        {
            using var reading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, peer.Lifetime.Token);
            await ReadRpcsAsync(peer, stream.Input, reading.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or Libp2pException or InvalidOperationException)
        {
            LogReaderEnded(_logger, peer.Id, ex.Message);
        }
        finally
        {
            lock (_gate)
            {
                if (peer.Inbound == stream)
                {
                    peer.Inbound = null;
                }

                if (--_inboundReaders == 0)
                {
                    _readersDone?.TrySetResult();
                }
            }
        }
    }

    /// <summary>
    /// Reads RPC frames until the stream ends. Malformed frames are dropped; an oversized frame is discarded as it
    /// streams by, without buffering it, and reading goes on; only an invalid length varint ends the stream.
    /// </summary>
    private async Task ReadRpcsAsync(GossipPeer peer, PipeReader input, CancellationToken cancellationToken)
    {
        ulong skipping = 0;
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var done = false;
            while (!done)
            {
                if (skipping > 0)
                {
                    var skip = Math.Min((ulong)buffer.Length, skipping);
                    buffer = buffer.Slice((long)skip);
                    skipping -= skip;
                    if (skipping > 0)
                    {
                        break;
                    }
                }

                switch (GossipRpcFrame.TryRead(ref buffer, _options.RpcLimits, out var rpc, out var declared, out var prefix))
                {
                    case GossipFrameResult.Ok:
                        HandleRpc(peer, rpc!);
                        break;
                    case GossipFrameResult.Malformed:
                        Statistics.MalformedRpc();
                        LogMalformedRpc(_logger, peer.Id);
                        break;
                    case GossipFrameResult.TooLarge:
                        Statistics.OversizedFrame();
                        LogOversizedFrame(_logger, peer.Id, declared, _options.RpcLimits.MaxRpcSize);
                        skipping = declared + (ulong)prefix;
                        break;
                    case GossipFrameResult.InvalidLength:
                        Statistics.MalformedRpc();
                        LogMalformedRpc(_logger, peer.Id);
                        input.AdvanceTo(buffer.End);
                        return;
                    default:
                        done = true;
                        break;
                }
            }

            input.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted || result.IsCanceled)
            {
                return;
            }
        }
    }

    /// <summary>Queues a framed RPC for <paramref name="peer"/>; dropped (and counted) when its queue is full. Caller holds the lock.</summary>
    private static void SendFrame(GossipPeer peer, byte[] frame) => peer.Outbound?.Writer.TryWrite(frame);

    /// <summary>Queues <paramref name="rpc"/> for <paramref name="peer"/>, leaving out control for floodsub peers. Caller holds the lock.</summary>
    private static void Send(GossipPeer peer, GossipRpc rpc)
    {
        if (peer.IsFloodsub)
        {
            rpc = rpc with { Control = null };
            if (rpc.Subscriptions.Count == 0 && rpc.Messages.Count == 0)
            {
                return;
            }
        }

        SendFrame(peer, GossipRpcEncoder.EncodeFramed(rpc));
    }
}
