namespace Mesh.Libp2p.Pnet;

/// <summary>The private-network nonce exchange failed (the connection ended before the peer's 24-byte nonce arrived).</summary>
public sealed class PnetException : Libp2pException
{
    /// <summary>Creates the exception.</summary>
    public PnetException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public PnetException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public PnetException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
