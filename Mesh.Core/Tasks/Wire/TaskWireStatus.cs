namespace Mesh.Core.Tasks.Wire;

/// <summary>The outcome of reading one task protocol frame.</summary>
public enum TaskWireStatus
{
    /// <summary>A whole, valid message was read and the buffer advanced past it.</summary>
    Ok,

    /// <summary>The buffer holds only part of a frame; read more and try again.</summary>
    NeedMore,

    /// <summary>The frame is invalid or over a limit: the peer broke the protocol; close the stream.</summary>
    Invalid,
}
