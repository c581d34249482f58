using Mesh.Core.Tasks.Wire;
using Mesh.Libp2p.Channels;

namespace Mesh.Core.Remote;

/// <summary>Serves a peer with free surplus that asks this node for queued work (an inbound stream that began with a <see cref="StealRequestMessage"/>).</summary>
public interface ITaskStealServer
{
    /// <summary>Answers with a <see cref="StealOfferMessage"/> and closes; returns when the conversation is over. The caller disposes the stream.</summary>
    Task ServeStealAsync(StealRequestMessage request, IDuplexChannel stream, string thief, CancellationToken cancellationToken);
}
