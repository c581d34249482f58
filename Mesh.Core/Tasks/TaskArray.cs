using System.Globalization;

namespace Mesh.Core.Tasks;

/// <summary>Expands an array task: one spec per index, with <c>{}</c> replaced by the index.</summary>
public static class TaskArray
{
    /// <summary>The token in argv, environment values and output globs that becomes the index.</summary>
    public const string IndexToken = "{}";

    /// <summary>
    /// One spec per index of <paramref name="range"/>, in its order: <c>{}</c> in every argv element, environment value
    /// and output glob becomes the index, and <see cref="TaskSpec.ArrayIndex"/> is set. Environment names, inputs and
    /// the rest are copied unchanged.
    /// </summary>
    public static IReadOnlyList<TaskSpec> Expand(TaskSpec template, ArrayRange range)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(range);
        var specs = new TaskSpec[range.Count];
        var substituteEnvironment = template.Environment.Values.Any(value => value.Contains(IndexToken, StringComparison.Ordinal));
        for (var i = 0; i < specs.Length; i++)
        {
            var index = range.Indices[i];
            var text = index.ToString(CultureInfo.InvariantCulture);
            specs[i] = template with
            {
                Argv = Substitute(template.Argv, text),
                Environment = substituteEnvironment
                    ? template.Environment.ToDictionary(pair => pair.Key, pair => pair.Value.Replace(IndexToken, text, StringComparison.Ordinal), StringComparer.Ordinal)
                    : template.Environment,
                Outputs = Substitute(template.Outputs, text),
                ArrayIndex = index,
            };
        }

        return specs;
    }

    private static IReadOnlyList<string> Substitute(IReadOnlyList<string> values, string index)
    {
        // Shares the template's list when nothing changes: 100,000 specs then cost one list, not 100,000 copies.
        if (!values.Any(value => value.Contains(IndexToken, StringComparison.Ordinal)))
        {
            return values;
        }

        return values.Select(value => value.Replace(IndexToken, index, StringComparison.Ordinal)).ToArray();
    }
}
