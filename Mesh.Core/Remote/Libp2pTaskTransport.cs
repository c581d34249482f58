using Mesh.Core.Tasks.Wire;
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
    private readonly PeerStreamOpener _opener;

    /// <summary>Creates the transport.</summary>
    /// <param name="host">The node's host.</param>
    /// <param name="ledgerAddresses">The addresses a peer lists in its newest ledger entry (none when unknown).</param>
    public Libp2pTaskTransport(ILibp2pHost host, Func<PeerId, IReadOnlyList<string>> ledgerAddresses) =>
        _opener = new PeerStreamOpener(host, ledgerAddresses);

    /// <inheritdoc />
    public Task<IDuplexChannel> OpenAsync(string peer, CancellationToken cancellationToken = default) =>
        PeerId.TryParse(peer, out var parsed) && parsed is { } id
            ? _opener.OpenAsync(id, TaskWireProtocol.ProtocolId, cancellationToken)
            : Task.FromException<IDuplexChannel>(new PeerUnreachableException($"'{peer}' is not a peer id"));
}
