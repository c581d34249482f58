namespace Mesh.Node;

/// <summary>The <c>mesh-node</c> program.</summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static int Main() => 0;
}
