namespace Mesh.Core.Control;

/// <summary>
/// What the control API serves, independent of how it is served: the node implements it, the Unix-socket HTTP
/// server exposes it, and tests can fake it.
/// </summary>
public interface INodeControl
{
    /// <summary>The node itself (<c>GET /v1/node</c>).</summary>
    NodeView GetNode();

    /// <summary>The peer table and the layer totals (<c>GET /v1/peers</c>).</summary>
    PeersView GetPeers();

    /// <summary>Runs the performance benchmark again and publishes the new score (<c>POST /v1/node/benchmark</c>).</summary>
    Task<NodeView> RerunBenchmarkAsync(CancellationToken cancellationToken = default);
}
