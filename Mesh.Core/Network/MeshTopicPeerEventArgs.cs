using Mesh.Libp2p.Identity;

namespace Mesh.Core.Network;

/// <summary>A remote peer started subscribing to a topic.</summary>
public sealed class MeshTopicPeerEventArgs(string topic, PeerId peer) : EventArgs
{
    /// <summary>The topic.</summary>
    public string Topic { get; } = topic;

    /// <summary>The peer.</summary>
    public PeerId Peer { get; } = peer;
}
