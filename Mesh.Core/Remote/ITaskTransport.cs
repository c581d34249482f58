using Mesh.Libp2p.Channels;

namespace Mesh.Core.Remote;

/// <summary>
/// Opens task-protocol streams (<c>/mesh/task/1.0.0</c>) to other peers: the seam between the task services and the
/// libp2p host, so the services can be tested over in-memory channels.
/// </summary>
public interface ITaskTransport
{
    /// <summary>Opens a new task-protocol stream to <paramref name="peer"/>, connecting to it first when it is known but not connected.</summary>
    /// <param name="peer">The peer id (base58).</param>
    /// <param name="cancellationToken">Cancels the attempt to connect and negotiate.</param>
    /// <returns>The stream; the caller disposes it.</returns>
    /// <exception cref="PeerUnreachableException">The peer is unknown, cannot be reached, or does not speak the protocol.</exception>
    Task<IDuplexChannel> OpenAsync(string peer, CancellationToken cancellationToken = default);
}
