using Mesh.Libp2p;
using Mesh.Libp2p.Discovery;
using Mesh.Libp2p.Host;
using Mesh.Libp2p.Identity;
using Mesh.Libp2p.Pnet;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mesh.Node;

/// <summary>
/// The node's hosted service, a thin wrapper: loads (or makes) the identity and mesh keys, starts the
/// libp2p host, reports its addresses on stdout, and keeps the static peers connected.
/// </summary>
internal sealed partial class MeshNodeService(NodeOptions options, ILoggerFactory loggers, TimeProvider time) : IHostedService, IAsyncDisposable
{
    private readonly ILogger _logger = loggers.CreateLogger<MeshNodeService>();
    private Libp2pHost? _host;
    private StaticPeerDialer? _dialer;
    private MdnsDiscovery? _mdns;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        DataDirectory.Ensure(options.DataDir);
        var identity = LoadIdentity();
        var meshKey = LoadMeshKey();

        var hostOptions = new Libp2pHostOptions { PreSharedKey = meshKey };
        foreach (var address in options.EffectiveListen)
        {
            hostOptions.ListenAddresses.Add(address);
        }

        _host = new Libp2pHost(identity, hostOptions, loggers, time);
        try
        {
            await _host.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (System.Net.Sockets.SocketException ex)
        {
            throw new NodeStartException($"cannot listen on {string.Join(", ", options.EffectiveListen)}: {ex.Message} (choose another with --listen)", ex);
        }

        var report = Console.Out;
        await report.WriteLineAsync($"mesh-node {identity.PeerId} (data dir {options.DataDir}, mesh key {meshKey.Fingerprint})").ConfigureAwait(false);
        foreach (var address in _host.ListenAddresses)
        {
            await report.WriteLineAsync($"listening on {address}").ConfigureAwait(false);
        }

        await report.FlushAsync(cancellationToken).ConfigureAwait(false);
        _dialer = new StaticPeerDialer(_host, options.Peers, loggers.CreateLogger<StaticPeerDialer>(), time);
        _dialer.Start();
        if (!options.NoMdns)
        {
            // Discovered peers are dialed by the discovery itself; the mesh key keeps strangers out.
            _mdns = new MdnsDiscovery(_host, new MdnsOptions(), loggers, time);
            await _mdns.StartAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync().ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        if (_mdns is not null)
        {
            await _mdns.DisposeAsync().ConfigureAwait(false);
            _mdns = null;
        }

        if (_dialer is not null)
        {
            await _dialer.DisposeAsync().ConfigureAwait(false);
            _dialer = null;
        }

        if (_host is not null)
        {
            await _host.DisposeAsync().ConfigureAwait(false);
            _host = null;
        }
    }

    private IdentityKey LoadIdentity()
    {
        try
        {
            var identity = IdentityKeyFile.LoadOrCreate(options.IdentityKeyPath, out var created);
            if (created)
            {
                LogIdentityCreated(_logger, identity.PeerId, options.IdentityKeyPath);
            }

            return identity;
        }
        catch (Libp2pException ex)
        {
            throw new NodeStartException($"{ex.Message} Move the file away to make a new identity (the node's peer id changes).", ex);
        }
    }

    private PreSharedKey LoadMeshKey()
    {
        try
        {
            if (options.MeshKeyFile is { } given)
            {
                return PreSharedKey.Load(given);
            }

            var key = PreSharedKey.LoadOrCreate(options.MeshKeyPath, out var created);
            if (created)
            {
                Console.Out.WriteLine($"created a new mesh key in {options.MeshKeyPath} (fingerprint {key.Fingerprint}).");
                Console.Out.WriteLine($"To let another machine join this mesh, copy that file to it and start it with --mesh-key FILE, or place it at DATA_DIR/swarm.key there.");
            }

            return key;
        }
        catch (Exception ex) when (ex is Libp2pException or SwarmKeyFileException)
        {
            throw new NodeStartException(ex.Message, ex);
        }
    }

    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Created a new identity {Peer} in {Path}")]
    private static partial void LogIdentityCreated(ILogger logger, PeerId peer, string path);
}
