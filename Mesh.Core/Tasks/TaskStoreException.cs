namespace Mesh.Core.Tasks;

/// <summary>The task database cannot be used: unreadable, damaged, not ours, or made by a newer Mesh. The message names the file.</summary>
public sealed class TaskStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TaskStoreException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TaskStoreException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public TaskStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
