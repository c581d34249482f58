namespace Mesh.Libp2p.PubSub;

/// <summary>IWANT: the sender asks for the full messages with these ids (gossipsub v1.0).</summary>
/// <param name="MessageIds">The message ids.</param>
public sealed record ControlIWant(IReadOnlyList<byte[]> MessageIds);
