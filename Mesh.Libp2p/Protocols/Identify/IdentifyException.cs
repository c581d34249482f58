namespace Mesh.Libp2p.Protocols.Identify;

/// <summary>
/// Identify failed: the peer sent a malformed or oversized message, none at all, or did not finish in time.
/// </summary>
public class IdentifyException : Libp2pException
{
    /// <summary>Creates the exception.</summary>
    public IdentifyException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public IdentifyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public IdentifyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
