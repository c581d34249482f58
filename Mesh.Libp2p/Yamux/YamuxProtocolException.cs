namespace Mesh.Libp2p.Yamux;

/// <summary>The remote yamux peer broke the protocol; the session sent GoAway(protocol error) and closed.</summary>
public sealed class YamuxProtocolException : Libp2pException
{
    /// <summary>Creates the exception.</summary>
    public YamuxProtocolException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public YamuxProtocolException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public YamuxProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
