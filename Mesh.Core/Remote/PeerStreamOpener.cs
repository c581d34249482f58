using Mesh.Libp2p;
using Mesh.Libp2p.Addressing;
using Mesh.Libp2p.Channels;
using Mesh.Libp2p.Host;
using Mesh.Libp2p.Identity;

namespace Mesh.Core.Remote;

/// <summary>
/// Opens streams of the mesh's own protocols to a peer: a connected peer gets a new stream at once; a peer not
/// connected is dialed first at the addresses identify reported for it, then at those it lists in its ledger entry.
/// </summary>
public sealed class PeerStreamOpener
{
    private readonly ILibp2pHost _host;
    private readonly Func<PeerId, IReadOnlyList<string>> _ledgerAddresses;

    /// <summary>Creates the opener.</summary>
    /// <param name="host">The node's host.</param>
    /// <param name="ledgerAddresses">The addresses a peer lists in its newest ledger entry (none when unknown).</param>
    public PeerStreamOpener(ILibp2pHost host, Func<PeerId, IReadOnlyList<string>> ledgerAddresses)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(ledgerAddresses);
        _host = host;
        _ledgerAddresses = ledgerAddresses;
    }

    /// <summary>Opens a stream of <paramref name="protocolId"/> to <paramref name="peer"/>, dialing it first when needed.</summary>
    /// <exception cref="PeerUnreachableException">No connection could be made, or the peer refused the protocol.</exception>
    public async Task<IDuplexChannel> OpenAsync(PeerId peer, string protocolId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(peer);
        if (!_host.ConnectedPeers.Contains(peer))
        {
            await ConnectAsync(peer, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return await _host.OpenStreamAsync(peer, [protocolId], cancellationToken).ConfigureAwait(false);
        }
        catch (Libp2pException ex)
        {
            throw new PeerUnreachableException($"cannot open a {protocolId} stream to {peer}: {ex.Message}", ex);
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
