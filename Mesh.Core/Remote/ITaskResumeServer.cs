using Mesh.Core.Tasks.Wire;
using Mesh.Libp2p.Channels;

namespace Mesh.Core.Remote;

/// <summary>Serves an executor coming back to one of this node's attempts (an inbound stream that began with a <see cref="LeaseRenewMessage"/>).</summary>
public interface ITaskResumeServer
{
    /// <summary>Serves the whole conversation; returns when it is over. The caller disposes the stream.</summary>
    Task ServeResumeAsync(LeaseRenewMessage first, IDuplexChannel stream, string executorPeer, CancellationToken cancellationToken);
}
