namespace Mesh.Node;

/// <summary>The node could not start (a key file is corrupt, an address cannot be bound); the message says what to do.</summary>
public sealed class NodeStartException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NodeStartException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public NodeStartException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public NodeStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
