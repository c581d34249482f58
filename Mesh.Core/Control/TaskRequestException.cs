namespace Mesh.Core.Control;

/// <summary>A task request the node refuses (HTTP 400); <see cref="Exception.Message"/> is one line a person can act on.</summary>
public sealed class TaskRequestException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TaskRequestException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TaskRequestException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public TaskRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
