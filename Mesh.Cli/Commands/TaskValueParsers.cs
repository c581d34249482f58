using System.CommandLine.Parsing;
using System.Globalization;
using Mesh.Cli.Tasks;
using Mesh.Core.Resources;
using Mesh.Core.Tasks;

namespace Mesh.Cli.Commands;

/// <summary>The parsers behind <see cref="TaskOptions"/>: text to value, or an error that names the option. Never throw.</summary>
internal static class TaskValueParsers
{
    /// <summary>Runs <paramref name="parse"/> on the option's one token, reporting its error on the argument.</summary>
    public static T? Single<T>(ArgumentResult argument, string name, Func<string, string, (T? Value, string? Error)> parse)
    {
        var text = argument.Tokens.Count > 0 ? argument.Tokens[^1].Value : "";
        var (value, error) = parse(text, name);
        if (error is not null)
        {
            argument.AddError(error);
            return default;
        }

        return value;
    }

    /// <summary>A positive number of cores, fractions allowed.</summary>
    public static (double? Value, string? Error) Cores(string text, string name) =>
        double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var cores) && double.IsFinite(cores) && cores > 0
            ? (cores, null)
            : (null, $"{name}: '{text}' is not a number of cores (for example 1, 0.5 or 4)");

    /// <summary>A size in bytes (<see cref="ByteSize"/>), more than zero.</summary>
    public static (long? Value, string? Error) Size(string text, string name)
    {
        if (!ByteSize.TryParse(text, out var bytes, out var error))
        {
            return (null, $"{name}: {error}");
        }

        return bytes > 0 ? (bytes, null) : (null, $"{name}: the size must be more than 0");
    }

    /// <summary>A whole number, zero or more.</summary>
    public static (int? Value, string? Error) Count(string text, string name) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            ? (count, null)
            : (null, $"{name}: '{text}' is not a whole number (0 or more)");

    /// <summary>A duration (<see cref="TaskDuration"/>), in seconds.</summary>
    public static (double? Value, string? Error) Seconds(string text, string name) =>
        TaskDuration.TryParse(text, out var duration, out var error) ? (duration.TotalSeconds, null) : (null, $"{name}: {error}");

    /// <summary>An array range, checked here (<see cref="ArrayRange"/>) and sent as written.</summary>
    public static (string? Value, string? Error) ArrayText(string text, string name) =>
        ArrayRange.TryParse(text, out _, out var error) ? (text.Trim(), null) : (null, $"{name}: {error}");

    /// <summary>Every token a <c>NAME=VALUE</c> with a valid name; returned as given.</summary>
    public static string[] Assignments(ArgumentResult argument, string name)
    {
        var values = new string[argument.Tokens.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var text = argument.Tokens[i].Value;
            var equals = text.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0 || !IsVariableName(text[..equals]))
            {
                argument.AddError($"{name}: '{text}' is not NAME=VALUE (a name of letters, digits and _, not starting with a digit)");
                return [];
            }

            values[i] = text;
        }

        return values;
    }

    /// <summary>Splits checked <c>NAME=VALUE</c> texts at their first <c>=</c>.</summary>
    public static IEnumerable<(string Name, string Value)> Pairs(IEnumerable<string> assignments)
    {
        foreach (var text in assignments)
        {
            var equals = text.IndexOf('=', StringComparison.Ordinal);
            yield return (text[..equals], text[(equals + 1)..]);
        }
    }

    /// <summary>A portable environment variable name: letters, digits and underscores, not starting with a digit.</summary>
    public static bool IsVariableName(string text) =>
        text.Length > 0 && !char.IsAsciiDigit(text[0]) && text.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
