namespace Mesh.Tests;

/// <summary>One request as <see cref="FakeNodeControlSocket"/> read it.</summary>
/// <param name="Method">GET, POST...</param>
/// <param name="Target">The path and query.</param>
/// <param name="Body">The body (Content-Length bytes).</param>
internal sealed record FakeHttpRequest(string Method, string Target, byte[] Body)
{
    /// <summary>The path without the query.</summary>
    public string Path => Target.Split('?')[0];

    /// <summary>The value of query parameter <paramref name="name"/>, unescaped; null when absent.</summary>
    public string? Query(string name)
    {
        var question = Target.IndexOf('?', StringComparison.Ordinal);
        if (question < 0)
        {
            return null;
        }

        foreach (var pair in Target[(question + 1)..].Split('&'))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && pair[..equals] == name)
            {
                return Uri.UnescapeDataString(pair[(equals + 1)..]);
            }
        }

        return null;
    }
}
