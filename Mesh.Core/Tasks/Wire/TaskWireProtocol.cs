namespace Mesh.Core.Tasks.Wire;

/// <summary>The task protocol's libp2p identity (docs/protocol.md, "Task protocol").</summary>
public static class TaskWireProtocol
{
    /// <summary>
    /// The multistream-select protocol id. The version is part of the id, so a peer that speaks a later version
    /// negotiates a different id; within this one an unknown message type is an error.
    /// </summary>
    public const string ProtocolId = "/mesh/task/1.0.0";
}
