using Mesh.Libp2p.Identity;

namespace Mesh.Libp2p.PubSub;

/// <summary>A remote peer announced that it subscribes to a topic.</summary>
public sealed class TopicPeerEventArgs(string topic, PeerId peer) : EventArgs
{
    /// <summary>The topic.</summary>
    public string Topic { get; } = topic;

    /// <summary>The peer that subscribed.</summary>
    public PeerId Peer { get; } = peer;
}
