namespace Mesh.Node;

/// <summary>Where a setting of <c>mesh-node</c> came from, for error messages ("--reserve (from MESH_RESERVE): ...").</summary>
/// <param name="Option">The flag it sets, e.g. <c>--reserve</c>.</param>
/// <param name="Source">The environment variable or config file it came from; null for the command line.</param>
internal readonly record struct SettingOrigin(string Option, string? Source)
{
    /// <summary>The flag, with its source when it did not come from the command line.</summary>
    public override string ToString() => Source is null ? Option : $"{Option} (from {Source})";
}
