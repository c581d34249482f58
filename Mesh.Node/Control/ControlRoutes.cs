namespace Mesh.Node.Control;

/// <summary>The control API's routing table: exact paths, one method each (docs/control-api.md).</summary>
internal static class ControlRoutes
{
    /// <summary>The path of the node itself.</summary>
    public const string NodePath = "/v1/node";

    /// <summary>The path of the peer table.</summary>
    public const string PeersPath = "/v1/peers";

    /// <summary>The path that re-runs the benchmark.</summary>
    public const string BenchmarkPath = "/v1/node/benchmark";

    /// <summary>Maps a method and path to a route.</summary>
    public static ControlRoute Match(string method, string path) => Normalize(path) switch
    {
        NodePath => HttpMethodsEqual(method, "GET") ? ControlRoute.Node : ControlRoute.WrongMethod,
        PeersPath => HttpMethodsEqual(method, "GET") ? ControlRoute.Peers : ControlRoute.WrongMethod,
        BenchmarkPath => HttpMethodsEqual(method, "POST") ? ControlRoute.Benchmark : ControlRoute.WrongMethod,
        _ => ControlRoute.NotFound,
    };

    /// <summary>The value of the <c>Allow</c> header for a known path.</summary>
    public static string AllowedMethods(string path) => Normalize(path) == BenchmarkPath ? "POST" : "GET";

    // One trailing slash is forgiven (curl users type it); nothing else is rewritten.
    private static string Normalize(string path) => path.Length > 1 && path[^1] == '/' ? path[..^1] : path;

    private static bool HttpMethodsEqual(string method, string expected) => string.Equals(method, expected, StringComparison.Ordinal);
}
