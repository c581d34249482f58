using System.Text.Json;

namespace Mesh.Node;

/// <summary>
/// Reads the JSON config file of <c>mesh-node</c>: an object whose keys are setting names (as the flags, without
/// the dashes in front) and whose values are strings, numbers, booleans, or lists of strings for repeatable settings.
/// </summary>
internal static class NodeConfigFile
{
    /// <summary>The default file name in the data dir.</summary>
    public const string DefaultFileName = "mesh-node.json";

    /// <summary>The largest config file read.</summary>
    public const int MaxBytes = 1 << 20;

    /// <summary>The settings in <paramref name="path"/>.</summary>
    /// <exception cref="OptionsException">The file cannot be read, is not JSON, or holds an unknown or malformed setting.</exception>
    public static Dictionary<string, RawSetting> Load(string path, SettingOrigin fileOrigin)
    {
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new OptionsException(fileOrigin.ToString(), $"'{path}' does not exist");
            }

            if (info.Length > MaxBytes)
            {
                throw new OptionsException(fileOrigin.ToString(), $"'{path}' is larger than {MaxBytes} bytes");
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new OptionsException(fileOrigin.ToString(), $"cannot read '{path}': {ex.Message}");
        }

        return Parse(bytes, path, fileOrigin);
    }

    /// <summary>The settings in a config file's bytes (<paramref name="path"/> names it in messages).</summary>
    public static Dictionary<string, RawSetting> Parse(ReadOnlySpan<byte> bytes, string path, SettingOrigin fileOrigin)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 8 });
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException ex)
        {
            throw new OptionsException(fileOrigin.ToString(), $"'{path}' is not valid JSON: {ex.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new OptionsException(fileOrigin.ToString(), $"'{path}' must hold a JSON object of settings");
            }

            var settings = new Dictionary<string, RawSetting>(StringComparer.Ordinal);
            try
            {
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    var name = NodeSettingNames.FromConfigKey(property.Name)
                        ?? throw new OptionsException(fileOrigin.ToString(), $"unknown setting '{property.Name}' in '{path}' (known: {string.Join(", ", NodeSettingNames.InConfigFile)})");
                    var origin = new SettingOrigin(NodeSettingNames.Flag(name), path);
                    settings[name] = new RawSetting(ReadValues(property.Value, name, origin), origin);
                }
            }
            catch (InvalidOperationException ex)
            {
                // The parser checks structure only; a name or string that is not valid UTF-8 shows when it is read
                // (found by fuzzing).
                throw new OptionsException(fileOrigin.ToString(), $"'{path}' is not valid JSON: {ex.Message}");
            }

            return settings;
        }
    }

    private static List<string> ReadValues(JsonElement value, string name, SettingOrigin origin)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return [value.GetString()!];
            case JsonValueKind.Number:
                return [value.GetRawText()];
            case JsonValueKind.True:
            case JsonValueKind.False:
                return [value.ValueKind == JsonValueKind.True ? "true" : "false"];
            case JsonValueKind.Array when NodeSettingNames.IsList(name):
                var values = new List<string>();
                foreach (var item in value.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String)
                    {
                        throw new OptionsException(origin.ToString(), "every item of the list must be a string");
                    }

                    values.Add(item.GetString()!);
                }

                return values;
            default:
                throw new OptionsException(origin.ToString(), NodeSettingNames.IsList(name)
                    ? "must be a string or a list of strings"
                    : "must be a string, a number or a boolean");
        }
    }
}
