namespace Mesh.Libp2p.Multistream;

/// <summary>
/// The peer broke multistream-select: a malformed or oversized message, an unexpected reply, too many
/// rounds, or the stream ended during negotiation. The caller closes the stream or connection.
/// </summary>
public class MultistreamException : Libp2pException
{
    /// <summary>Creates the exception.</summary>
    public MultistreamException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public MultistreamException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public MultistreamException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
