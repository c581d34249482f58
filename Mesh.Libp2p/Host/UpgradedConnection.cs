using Mesh.Libp2p.Identity;
using Mesh.Libp2p.Yamux;

namespace Mesh.Libp2p.Host;

/// <summary>The result of upgrading a raw socket: a verified remote identity and a running muxer.</summary>
internal sealed record UpgradedConnection(PeerId RemotePeer, PublicKey RemotePublicKey, YamuxSession Session);
