namespace Mesh.Cli.Client;

/// <summary>A node address (<c>--node</c> or <c>MESH_NODE</c>) that is not <c>unix:PATH</c>: a usage error.</summary>
public sealed class NodeAddressException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NodeAddressException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public NodeAddressException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public NodeAddressException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
