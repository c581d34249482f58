using Mesh.Core.Tasks.Wire;
using Mesh.Libp2p.Channels;

namespace Mesh.Core.Remote;

/// <summary>Serves a run an origin asks this node to execute (an inbound stream that began with a <see cref="RunRequestMessage"/>).</summary>
public interface ITaskRunServer
{
    /// <summary>Serves the whole conversation; returns when it is over. The caller disposes the stream.</summary>
    Task ServeAsync(RunRequestMessage request, IDuplexChannel stream, string origin, CancellationToken cancellationToken);
}
