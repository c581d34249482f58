namespace Mesh.Libp2p.Yamux;

/// <summary>A local limit refused an operation: too many outbound streams, stream ids exhausted, or too many pings in flight.</summary>
public sealed class YamuxStreamLimitException : Libp2pException
{
    /// <summary>Creates the exception.</summary>
    public YamuxStreamLimitException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public YamuxStreamLimitException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public YamuxStreamLimitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
