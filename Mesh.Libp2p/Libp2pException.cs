namespace Mesh.Libp2p;

/// <summary>
/// Base of the errors Mesh.Libp2p raises when a remote peer breaks a protocol or a negotiation fails.
/// These are expected at runtime: the connection or stream concerned is closed and the reason logged.
/// </summary>
public class Libp2pException : Exception
{
    /// <summary>Creates the exception.</summary>
    public Libp2pException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public Libp2pException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public Libp2pException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
