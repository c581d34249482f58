namespace Mesh.Node;

/// <summary>A flag or setting of <c>mesh-node</c> is wrong; the message names it.</summary>
public sealed class OptionsException : Exception
{
    /// <summary>Creates the exception for <paramref name="option"/>.</summary>
    public OptionsException(string option, string problem)
        : base($"{option}: {problem}")
    {
        Option = option;
    }

    /// <summary>Creates the exception.</summary>
    public OptionsException()
        : this("?", "invalid")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public OptionsException(string message)
        : this("?", message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public OptionsException(string message, Exception innerException)
        : base(message, innerException)
    {
        Option = "?";
    }

    /// <summary>The flag at fault.</summary>
    public string Option { get; } = "?";
}
