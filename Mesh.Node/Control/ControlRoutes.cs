namespace Mesh.Node.Control;

/// <summary>The control API's routing table: exact paths, one method each, and <c>/v1/tasks/{id}[/action]</c> (docs/control-api.md).</summary>
internal static class ControlRoutes
{
    /// <summary>The path of the node itself.</summary>
    public const string NodePath = "/v1/node";

    /// <summary>The path of the peer table.</summary>
    public const string PeersPath = "/v1/peers";

    /// <summary>The path that re-runs the benchmark.</summary>
    public const string BenchmarkPath = "/v1/node/benchmark";

    /// <summary>The path of the task collection.</summary>
    public const string TasksPath = "/v1/tasks";

    /// <summary>The path of the journal.</summary>
    public const string JournalPath = "/v1/journal";

    /// <summary>The path that checks a journal.</summary>
    public const string VerifyJournalPath = "/v1/journal/verify";

    private const string TaskPrefix = TasksPath + "/";

    /// <summary>Maps a method and path to a route.</summary>
    public static ControlRoute Match(string method, string path) => Match(method, path, out _);

    /// <summary>Maps a method and path to a route; <paramref name="taskId"/> is the <c>{id}</c> segment of a task path.</summary>
    public static ControlRoute Match(string method, string path, out string? taskId)
    {
        taskId = null;
        var normalized = Normalize(path);
        switch (normalized)
        {
            case NodePath:
                return Expect(method, "GET", ControlRoute.Node);
            case PeersPath:
                return Expect(method, "GET", ControlRoute.Peers);
            case BenchmarkPath:
                return Expect(method, "POST", ControlRoute.Benchmark);
            case JournalPath:
                return Expect(method, "GET", ControlRoute.Journal);
            case VerifyJournalPath:
                return Expect(method, "GET", ControlRoute.VerifyJournal);
            case TasksPath:
                return HttpMethodsEqual(method, "POST") ? ControlRoute.SubmitTask
                    : HttpMethodsEqual(method, "GET") ? ControlRoute.ListTasks : ControlRoute.WrongMethod;
        }

        if (!normalized.StartsWith(TaskPrefix, StringComparison.Ordinal))
        {
            return ControlRoute.NotFound;
        }

        var parts = normalized[TaskPrefix.Length..].Split('/');
        if (parts[0].Length == 0 || parts.Length > 2)
        {
            return ControlRoute.NotFound;
        }

        taskId = parts[0];
        return parts.Length == 1 ? Expect(method, "GET", ControlRoute.GetTask) : parts[1] switch
        {
            "output" => Expect(method, "GET", ControlRoute.TaskOutput),
            "wait" => Expect(method, "POST", ControlRoute.WaitTask),
            "cancel" => Expect(method, "POST", ControlRoute.CancelTask),
            _ => ControlRoute.NotFound,
        };
    }

    /// <summary>The value of the <c>Allow</c> header for a known path.</summary>
    public static string AllowedMethods(string path)
    {
        var normalized = Normalize(path);
        return normalized switch
        {
            BenchmarkPath => "POST",
            TasksPath => "GET, POST",
            _ when normalized.EndsWith("/wait", StringComparison.Ordinal) || normalized.EndsWith("/cancel", StringComparison.Ordinal) => "POST",
            _ => "GET",
        };
    }

    // One trailing slash is forgiven (curl users type it); nothing else is rewritten.
    private static string Normalize(string path) => path.Length > 1 && path[^1] == '/' ? path[..^1] : path;

    private static ControlRoute Expect(string method, string expected, ControlRoute route) =>
        HttpMethodsEqual(method, expected) ? route : ControlRoute.WrongMethod;

    private static bool HttpMethodsEqual(string method, string expected) => string.Equals(method, expected, StringComparison.Ordinal);
}
