namespace Mesh.Node.Control;

/// <summary>What a request asks for.</summary>
internal enum ControlRoute
{
    /// <summary>No such path.</summary>
    NotFound,

    /// <summary>A known path with a method it does not take.</summary>
    WrongMethod,

    /// <summary><c>GET /v1/node</c>.</summary>
    Node,

    /// <summary><c>GET /v1/peers</c>.</summary>
    Peers,

    /// <summary><c>POST /v1/node/benchmark</c>.</summary>
    Benchmark,

    /// <summary><c>POST /v1/tasks</c>.</summary>
    SubmitTask,

    /// <summary><c>GET /v1/tasks</c>.</summary>
    ListTasks,

    /// <summary><c>GET /v1/tasks/{id}</c>.</summary>
    GetTask,

    /// <summary><c>GET /v1/tasks/{id}/output</c>.</summary>
    TaskOutput,

    /// <summary><c>POST /v1/tasks/{id}/wait</c>.</summary>
    WaitTask,

    /// <summary><c>POST /v1/tasks/{id}/cancel</c>.</summary>
    CancelTask,

    /// <summary><c>GET /v1/journal</c>.</summary>
    Journal,

    /// <summary><c>GET /v1/journal/verify</c>.</summary>
    VerifyJournal,
}
