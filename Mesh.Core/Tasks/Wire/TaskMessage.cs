namespace Mesh.Core.Tasks.Wire;

/// <summary>One message of the task protocol (docs/protocol.md, "Task protocol"); encode and decode with <see cref="TaskWireCodec"/>.</summary>
public abstract record TaskMessage
{
    /// <summary>The message type written as the first element of the message.</summary>
    public abstract TaskMessageType Type { get; }
}
