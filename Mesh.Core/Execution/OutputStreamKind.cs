namespace Mesh.Core.Execution;

/// <summary>Which of a task's output streams a chunk came from.</summary>
public enum OutputStreamKind
{
    /// <summary>The task's standard output.</summary>
    Stdout = 1,

    /// <summary>The task's standard error.</summary>
    Stderr = 2,
}
