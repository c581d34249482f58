using Mesh.Core.Tasks.Wire;
using Mesh.Libp2p;
using Mesh.Libp2p.Addressing;
using Mesh.Libp2p.Channels;
using Mesh.Libp2p.Host;
using Mesh.Libp2p.Identity;

namespace Mesh.Core.Remote;

/// <summary>
/// Task-protocol streams over the libp2p host: a connected peer gets a new stream at once; a peer not connected is
/// dialed first at the addresses identify reported for it, then at those it lists in its ledger entry.
/// </summary>
public sealed class Libp2pTaskTransport : ITaskTransport
{
    private readonly ILibp2pHost _host;
    private readonly Func<PeerId, IReadOnlyList<string>> _ledgerAddresses;

    /// <summary>Creates the transport.</summary>
    /// <param name="host">The node's host.</param>
    /// <param name="ledgerAddresses">The addresses a peer lists in its newest ledger entry (none when unknown).</param>
    public Libp2pTaskTransport(ILibp2pHost host, Func<PeerId, IReadOnlyList<string>> ledgerAddresses)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(ledgerAddresses);
        _host = host;
        _ledgerAddresses = ledgerAddresses;
    }

    /// <inheritdoc />
    public async Task<IDuplexChannel> OpenAsync(string peer, CancellationToken cancellationToken = default)
    {
        if (!PeerId.TryParse(peer, out var parsed) || parsed is not { } id)
        {
            throw new PeerUnreachableException($"'{peer}' is not a peer id");
        }

        if (!_host.ConnectedPeers.Contains(id))
        {
            await ConnectAsync(id, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return await _host.OpenStreamAsync(id, [TaskWireProtocol.ProtocolId], cancellationToken).ConfigureAwait(false);
        }
        catch (Libp2pException ex)
        {
            throw new PeerUnreachableException($"cannot open a task stream to {peer}: {ex.Message}", ex);
        }
    }

    private async Task ConnectAsync(PeerId peer, CancellationToken cancellationToken)
    {
        var addresses = new List<Multiaddr>();
        if (_host.TryGetKnownAddresses(peer, out var known))
        {
            addresses.AddRange(known);
        }

        foreach (var text in _ledgerAddresses(peer))
        {
            if (Multiaddr.TryParse(text, out var address) && !addresses.Contains(address))
            {
                addresses.Add(address);
            }
        }

        string? lastError = null;
        foreach (var address in addresses)
        {
            try
            {
                var reached = await _host.DialAsync(address, cancellationToken).ConfigureAwait(false);
                if (reached == peer)
                {
                    return;
                }

                lastError = $"{address} is another peer ({reached})";
            }
            catch (Exception ex) when (ex is Libp2pException or ArgumentException or IOException or System.Net.Sockets.SocketException)
            {
                lastError = $"{address}: {ex.Message}";
            }
        }

        throw new PeerUnreachableException(lastError is null
            ? $"peer {peer} is not connected and no address of it is known"
            : $"peer {peer} is not connected and could not be reached ({lastError})");
    }
}
