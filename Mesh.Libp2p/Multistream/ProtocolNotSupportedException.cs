namespace Mesh.Libp2p.Multistream;

/// <summary>The peer answered <c>na</c> to every protocol proposed (js calls this UnsupportedProtocolError).</summary>
public class ProtocolNotSupportedException : Libp2pException
{
    /// <summary>Creates the exception.</summary>
    public ProtocolNotSupportedException()
        : this([])
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ProtocolNotSupportedException(string message)
        : base(message)
    {
        Protocols = [];
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public ProtocolNotSupportedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Protocols = [];
    }

    /// <summary>Creates the exception for the protocols the peer refused.</summary>
    public ProtocolNotSupportedException(IReadOnlyList<string> protocols)
        : base($"The peer supports none of the protocols proposed: {string.Join(", ", protocols)}.")
    {
        Protocols = protocols;
    }

    /// <summary>The protocols that were proposed and refused, in the order proposed.</summary>
    public IReadOnlyList<string> Protocols { get; }
}
