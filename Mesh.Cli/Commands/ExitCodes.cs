namespace Mesh.Cli.Commands;

/// <summary>The exit codes of <c>mesh</c> (docs/control-api.md); <c>mesh run</c> exits with its task's own code.</summary>
public static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Ok = 0;

    /// <summary>The node could not be reached or reported an error, or a task did not succeed (one line on stderr).</summary>
    public const int NodeError = 1;

    /// <summary>Bad flags or arguments.</summary>
    public const int Usage = 2;

    /// <summary>Interrupted by Ctrl+C (128 + SIGINT, as a shell reports it).</summary>
    public const int Interrupted = 130;
}
