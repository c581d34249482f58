namespace Mesh.Core.Tasks;

/// <summary>Which stream a chunk of task output came from.</summary>
public enum OutputStreamKind
{
    /// <summary>The task's standard output.</summary>
    Stdout = 1,

    /// <summary>The task's standard error.</summary>
    Stderr = 2,

    /// <summary>A note from Mesh itself (for example the truncation marker), shown with the output.</summary>
    Notice = 3,
}
