using Mesh.Libp2p.Addressing;
using Mesh.Libp2p.Identity;

namespace Mesh.Libp2p.Host;

/// <summary>What identify learned about a peer.</summary>
/// <param name="Peer">The peer.</param>
/// <param name="PublicKey">Its verified public key.</param>
/// <param name="Protocols">The protocols it accepts streams for.</param>
/// <param name="ListenAddresses">Where it says it listens (uncertified).</param>
/// <param name="ObservedAddress">How it sees this host, if it said.</param>
/// <param name="AgentVersion">Its implementation, free text.</param>
public sealed record PeerInfo(
    PeerId Peer,
    PublicKey PublicKey,
    IReadOnlyList<string> Protocols,
    IReadOnlyList<Multiaddr> ListenAddresses,
    Multiaddr? ObservedAddress,
    string? AgentVersion);
