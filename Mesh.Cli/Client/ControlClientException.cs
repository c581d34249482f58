namespace Mesh.Cli.Client;

/// <summary>The node could not be reached or refused a request; <see cref="Exception.Message"/> is one line saying what to do.</summary>
public sealed class ControlClientException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ControlClientException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ControlClientException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public ControlClientException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
