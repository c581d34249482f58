using Mesh.Core.Control;

namespace Mesh.Cli.Client;

/// <summary>
/// The <c>mesh</c> command's view of its node's control API. Failures to reach the node or errors it reports
/// surface as <see cref="ControlClientException"/> with a one-line message a person can act on.
/// </summary>
public interface IControlClient : IDisposable
{
    /// <summary>Where the node is (for messages), for example <c>unix:/home/ann/.local/share/mesh/control.sock</c>.</summary>
    string Endpoint { get; }

    /// <summary><c>GET /v1/node</c>.</summary>
    /// <exception cref="ControlClientException">No node answers, or it answered with an error.</exception>
    Task<NodeView> GetNodeAsync(CancellationToken cancellationToken = default);

    /// <summary><c>GET /v1/peers</c>.</summary>
    /// <exception cref="ControlClientException">No node answers, or it answered with an error.</exception>
    Task<PeersView> GetPeersAsync(CancellationToken cancellationToken = default);

    /// <summary><c>POST /v1/node/benchmark</c>: re-runs the performance benchmark.</summary>
    /// <exception cref="ControlClientException">No node answers, or it answered with an error.</exception>
    Task<NodeView> RerunBenchmarkAsync(CancellationToken cancellationToken = default);
}
