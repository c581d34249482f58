namespace Mesh.Node;

/// <summary>A setting's text before parsing (one value, or several for repeatable flags) and where it came from.</summary>
/// <param name="Values">The values as given.</param>
/// <param name="Origin">Where they came from.</param>
internal sealed record RawSetting(IReadOnlyList<string> Values, SettingOrigin Origin)
{
    /// <summary>The single value (the last one if several were given).</summary>
    public string Value => Values.Count == 0 ? "" : Values[^1];
}
