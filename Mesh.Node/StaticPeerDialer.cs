using Mesh.Libp2p;
using Mesh.Libp2p.Addressing;
using Mesh.Libp2p.Host;
using Microsoft.Extensions.Logging;

namespace Mesh.Node;

/// <summary>
/// Keeps the <c>--peer</c> peers connected: dials each at start and again, with exponential backoff
/// (1 s doubling to 60 s), while it is not connected. One owned loop, stopped on dispose.
/// </summary>
internal sealed partial class StaticPeerDialer(ILibp2pHost host, IEnumerable<Multiaddr> peers, ILogger logger, TimeProvider time) : IAsyncDisposable
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(60);
    private readonly Multiaddr[] _peers = [.. peers];
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    public void Start()
    {
        if (_peers.Length > 0)
        {
            _loop = RunAsync(_stop.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping is the normal way out of the loop.
        }

        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var next = _peers.ToDictionary(p => p, _ => time.GetUtcNow());
        var backoff = _peers.ToDictionary(p => p, _ => FirstBackoff);
        while (!cancellationToken.IsCancellationRequested)
        {
            foreach (var peer in _peers)
            {
                if (host.ConnectedPeers.Contains(peer.PeerId!) || time.GetUtcNow() < next[peer])
                {
                    continue;
                }

                try
                {
                    await host.DialAsync(peer, cancellationToken).ConfigureAwait(false);
                    backoff[peer] = FirstBackoff;
                }
                catch (Exception ex) when (ex is Libp2pException or ArgumentException)
                {
                    LogDialFailed(logger, peer, backoff[peer].TotalSeconds, ex.Message);
                    next[peer] = time.GetUtcNow() + backoff[peer];
                    backoff[peer] = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, backoff[peer].Ticks * 2));
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), time, cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 1010, Level = LogLevel.Warning, Message = "Could not reach static peer {Peer}; retrying in {Seconds} s: {Reason}")]
    private static partial void LogDialFailed(ILogger logger, Multiaddr peer, double seconds, string reason);
}
