namespace Mesh.Libp2p.Host;

/// <summary>
/// Serves one inbound stream. The host disposes the stream when the handler returns; the token is
/// cancelled when the connection closes or the host stops.
/// </summary>
public delegate Task StreamHandler(Libp2pStream stream, CancellationToken cancellationToken);
