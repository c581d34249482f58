namespace Mesh.Core.Journal.Audit;

/// <summary>The outcome of reading one journal protocol frame.</summary>
public enum JournalWireStatus
{
    /// <summary>A whole, valid frame was read.</summary>
    Ok = 0,

    /// <summary>The input ends inside the frame; read more and try again.</summary>
    NeedMore = 1,

    /// <summary>The bytes are not a valid frame (or announce one over the limit); the stream should be closed.</summary>
    Invalid = 2,
}
