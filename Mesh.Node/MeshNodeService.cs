using Mesh.Core.Ledger;
using Mesh.Core.Network;
using Mesh.Core.Policy;
using Mesh.Core.Probe;
using Mesh.Libp2p.Discovery;
using Mesh.Libp2p.Host;
using Mesh.Libp2p.Identity;
using Mesh.Libp2p.PubSub;
using Mesh.Node.Control;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mesh.Node;

/// <summary>
/// The node's hosted service, a thin wrapper that wires the parts in dependency order: keys, the libp2p host,
/// gossipsub, the surplus monitor (probe, policy, score), the ledger, the task service, the control API, then static
/// peers and mDNS.
/// Stopping runs the same order backwards.
/// </summary>
internal sealed partial class MeshNodeService(NodeOptions options, ILoggerFactory loggers, TimeProvider time, IOwnerUsageSource? ownerUsage = null)
    : IHostedService, IAsyncDisposable
{
    private readonly ILogger _logger = loggers.CreateLogger<MeshNodeService>();
    private readonly List<IAsyncDisposable> _started = [];
    private SurplusMonitor? _monitor;
    private LedgerService? _ledger;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        DataDirectory.Ensure(options.DataDir);
        if (DataDirectory.OthersMayRead(options.DataDir))
        {
            LogDataDirOpen(_logger, options.DataDir);
        }
        var identity = LoadIdentity();
        var meshKey = LoadMeshKey();
        var startedAt = time.GetUtcNow();

        PrepareTasks();
        OpenJournal(identity);
        var host = await StartHostAsync(identity, meshKey, cancellationToken).ConfigureAwait(false);
        var router = Track(new Gossipsub(host, identity, GossipsubOptions.ForLan(), time, loggers.CreateLogger<Gossipsub>()));
        await router.StartAsync(cancellationToken).ConfigureAwait(false);

        _monitor = Track(SurplusMonitor.Create(options.CreateMonitorOptions(), time, loggers, ownerUsage));
        await _monitor.StartAsync(cancellationToken).ConfigureAwait(false);

        var addresses = host.ListenAddresses.Select(a => a.ToString()).ToList();
        _ledger = Track(new LedgerService(
            new GossipsubMeshPubSub(router), identity, LocalState(_monitor.Current, addresses), new LedgerOptions(), time,
            loggers.CreateLogger<LedgerService>()));
        _monitor.Changed += OnSurplusChanged;
        await _ledger.StartAsync(cancellationToken).ConfigureAwait(false);

        StartJournal(host, _ledger);
        var (tasks, executor) = await StartTasksAsync(host, _ledger, identity.PeerId, cancellationToken).ConfigureAwait(false);
        var control = new NodeControl(identity.PeerId, options, meshKey.Fingerprint, startedAt, host, _monitor, _ledger, executor.Isolation, _journalWatch);
        var ledger = _ledger;
        var journal = new JournalControl(_journal!, _journalFetcher!, () => ledger.Table.Snapshot(), options.Name);
        var server = Track(new ControlServer(control, tasks, journal, new ControlServerOptions { SocketPath = options.ControlSocketPath }, loggers));
        await server.StartAsync(cancellationToken).ConfigureAwait(false);
        await Console.Out.WriteLineAsync($"control API on unix:{options.ControlSocketPath}").ConfigureAwait(false);
        await Console.Out.FlushAsync(cancellationToken).ConfigureAwait(false);

        Track(new StaticPeerDialer(host, options.Peers, loggers.CreateLogger<StaticPeerDialer>(), time)).Start();
        if (!options.NoMdns)
        {
            // Discovered peers are dialed by the discovery itself; the mesh key keeps strangers out.
            var mdns = Track(new MdnsDiscovery(host, new MdnsOptions(), loggers, time));
            await mdns.StartAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync().ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        if (_monitor is not null)
        {
            _monitor.Changed -= OnSurplusChanged;
        }

        if (_tasks is not null)
        {
            _tasks.LoadChanged -= OnTaskLoadChanged;
        }

        StopJournalEvents();

        if (_guests is not null)
        {
            _guests.LoadChanged -= OnTaskLoadChanged;
        }

        for (var i = _started.Count - 1; i >= 0; i--)
        {
            await _started[i].DisposeAsync().ConfigureAwait(false);
        }

        _started.Clear();
    }

    private async Task<Libp2pHost> StartHostAsync(IdentityKey identity, Libp2p.Pnet.PreSharedKey meshKey, CancellationToken cancellationToken)
    {
        var hostOptions = new Libp2pHostOptions { PreSharedKey = meshKey };
        foreach (var address in options.EffectiveListen)
        {
            hostOptions.ListenAddresses.Add(address);
        }

        var host = Track(new Libp2pHost(identity, hostOptions, loggers, time));
        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (System.Net.Sockets.SocketException ex)
        {
            throw new NodeStartException($"cannot listen on {string.Join(", ", options.EffectiveListen)}: {ex.Message} (choose another with --listen)", ex);
        }

        var report = Console.Out;
        await report.WriteLineAsync($"mesh-node {identity.PeerId} \"{options.Name}\" (data dir {options.DataDir}, mesh key {meshKey.Fingerprint})").ConfigureAwait(false);
        foreach (var address in host.ListenAddresses)
        {
            await report.WriteLineAsync($"listening on {address}").ConfigureAwait(false);
        }

        await report.FlushAsync(cancellationToken).ConfigureAwait(false);
        return host;
    }

    private void OnSurplusChanged(object? sender, SurplusSnapshot snapshot)
    {
        // Owner first: guests that no longer fit give way before the ledger says so.
        _guests?.SurplusChanged(snapshot.Surplus);
        if (_ledger is { } ledger)
        {
            ledger.UpdateLocal(LocalState(snapshot, ledger.LocalState.Addresses));
        }
    }

    private LocalLedgerState LocalState(SurplusSnapshot snapshot, IReadOnlyList<string> addresses) => new()
    {
        Name = options.Name,
        Addresses = addresses,
        Capacity = snapshot.Capacity,
        Reserved = snapshot.Reserved,
        Surplus = snapshot.Surplus,
        Gpus = snapshot.Gpus,
        Score = snapshot.Score,
        Policy = snapshot.Policy,
        Queued = _tasks?.Queued ?? 0,
        Running = _slots?.Holders ?? 0,
        InUse = _slots?.InUse ?? default,
    };

    private T Track<T>(T part)
        where T : IAsyncDisposable
    {
        _started.Add(part);
        return part;
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "The data dir {Path} is open to other users; it holds the task database (arguments and variables): chmod 700 it")]
    private static partial void LogDataDirOpen(ILogger logger, string path);

    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Created a new identity {Peer} in {Path}")]
    private static partial void LogIdentityCreated(ILogger logger, PeerId peer, string path);
}
