namespace Mesh.Tests.Fuzz.Targets;

/// <summary>A decoder broke its contract without throwing: for example it reported success without consuming input.</summary>
internal sealed class FuzzInvariantException : Exception
{
    /// <summary>Creates the exception.</summary>
    public FuzzInvariantException()
    {
    }

    /// <summary>Creates the exception with the broken rule.</summary>
    public FuzzInvariantException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the broken rule and its cause.</summary>
    public FuzzInvariantException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
