namespace Mesh.Core.Remote;

/// <summary>A task-protocol stream to a peer could not be opened; the message says why, for people.</summary>
public sealed class PeerUnreachableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PeerUnreachableException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public PeerUnreachableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public PeerUnreachableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
