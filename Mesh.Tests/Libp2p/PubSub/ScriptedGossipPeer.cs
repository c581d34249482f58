using System.Threading.Channels;
using Mesh.Libp2p.Addressing;
using Mesh.Libp2p.Host;
using Mesh.Libp2p.Identity;
using Mesh.Libp2p.PubSub;

namespace Mesh.Tests.Libp2p.PubSub;

/// <summary>
/// A plain host without a router that speaks /meshsub/1.1.0 by hand: it writes the RPCs a test scripts on its own
/// stream to a router, and collects the RPCs the router sends on the stream the router opens back.
/// </summary>
internal sealed class ScriptedGossipPeer : IAsyncDisposable
{
    private readonly Channel<GossipRpc> _received = Channel.CreateUnbounded<GossipRpc>();
    private Libp2pStream? _stream;

    private ScriptedGossipPeer(IdentityKey key, Libp2pHost host)
    {
        Key = key;
        Host = host;
    }

    public IdentityKey Key { get; }

    public Libp2pHost Host { get; }

    public PeerId PeerId => Host.PeerId;

    public static async Task<ScriptedGossipPeer> StartAsync()
    {
        var key = IdentityKey.Generate();
        var options = new Libp2pHostOptions();
        options.ListenAddresses.Add(Multiaddr.Parse("/ip4/127.0.0.1/tcp/0"));
        var host = new Libp2pHost(key, options, TestLogging.Factory);
        var peer = new ScriptedGossipPeer(key, host);
        host.SetStreamHandler(GossipProtocols.MeshSub11, peer.CollectAsync);
        await host.StartAsync();
        return peer;
    }

    /// <summary>Connects to <paramref name="router"/> and opens our stream; the router opens its stream back.</summary>
    public async Task ConnectAsync(GossipNode router)
    {
        await Host.DialAsync(router.Host.ListenAddresses[0]);
        _stream = await Host.OpenStreamAsync(router.PeerId, [GossipProtocols.MeshSub11]);
    }

    public async Task SendAsync(GossipRpc rpc) => await _stream!.Output.WriteAsync(GossipRpcEncoder.EncodeFramed(rpc));

    /// <summary>The next RPC from the router matching <paramref name="match"/>, skipping others; fails after 5 s.</summary>
    public async Task<GossipRpc> ReceiveAsync(Func<GossipRpc, bool> match)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            while (true)
            {
                var rpc = await _received.Reader.ReadAsync(timeout.Token);
                if (match(rpc))
                {
                    return rpc;
                }
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail("the router did not send the expected RPC within 5 s");
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_stream is not null)
        {
            await _stream.DisposeAsync();
        }

        await Host.DisposeAsync();
    }

    private async Task CollectAsync(Libp2pStream stream, CancellationToken cancellationToken)
    {
        var limits = new GossipRpcLimits();
        while (true)
        {
            var result = await stream.Input.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            while (GossipRpcFrame.TryRead(ref buffer, limits, out var rpc, out _, out _) == GossipFrameResult.Ok)
            {
                _received.Writer.TryWrite(rpc!);
            }

            stream.Input.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                return;
            }
        }
    }
}
