namespace Mesh.Cli.Top;

/// <summary>Which values a resource cell of the peer table shows, by terminal width.</summary>
internal enum ResourceCells
{
    /// <summary>surplus/capacity (80 columns).</summary>
    Compact,

    /// <summary>in use/surplus/capacity.</summary>
    Medium,

    /// <summary>in use/surplus/reserved/capacity.</summary>
    Wide,
}
