namespace Mesh.Cli.Commands;

/// <summary>The exit codes of <c>mesh</c> (docs/control-api.md).</summary>
public static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Ok = 0;

    /// <summary>The node could not be reached or reported an error (one line on stderr).</summary>
    public const int NodeError = 1;

    /// <summary>Bad flags or arguments.</summary>
    public const int Usage = 2;
}
