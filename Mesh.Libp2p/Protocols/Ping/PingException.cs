namespace Mesh.Libp2p.Protocols.Ping;

/// <summary>A ping failed: the echo differed from what was sent, or the stream ended before it arrived.</summary>
public class PingException : Libp2pException
{
    /// <summary>Creates the exception.</summary>
    public PingException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public PingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public PingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
