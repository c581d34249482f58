using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Mesh.Core.Control;

namespace Mesh.Tests;

/// <summary>The task endpoints (docs/control-api.md), served from the <see cref="ITaskControl"/> given.</summary>
internal sealed partial class FakeNodeControlSocket
{
    private const string TasksPath = "/v1/tasks";

    private bool TryRouteTask(FakeHttpRequest request, [NotNullWhen(true)] out Func<Socket, CancellationToken, Task>? route)
    {
        var tasks = _tasks!;
        route = null;
        var path = request.Path;
        if (path == TasksPath)
        {
            route = request.Method switch
            {
                "POST" => (c, t) => SubmitAsync(c, tasks, request.Body, t),
                "GET" => (c, t) => ListAsync(c, tasks, request, t),
                _ => null,
            };
            return route is not null;
        }

        if (!path.StartsWith(TasksPath + "/", StringComparison.Ordinal))
        {
            return false;
        }

        var rest = path[(TasksPath.Length + 1)..].Split('/');
        var id = Uri.UnescapeDataString(rest[0]);
        route = (request.Method, rest.Length > 1 ? rest[1] : null) switch
        {
            ("GET", null) => (c, t) => StatusAsync(c, tasks.Get(id), id, t),
            ("GET", "output") => (c, t) => OutputAsync(c, tasks, id, request, t),
            ("POST", "wait") => async (c, t) => await StatusAsync(c, await tasks.WaitAsync(id, t), id, t),
            ("POST", "cancel") => async (c, t) => await StatusAsync(c, await tasks.CancelAsync(id, t), id, t),
            _ => null,
        };
        return route is not null;
    }

    private static async Task SubmitAsync(Socket connection, ITaskControl tasks, byte[] body, CancellationToken cancellationToken)
    {
        SubmitTaskRequest request;
        try
        {
            request = JsonSerializer.Deserialize(body, ControlJsonContext.Default.SubmitTaskRequest) ?? throw new JsonException("null");
        }
        catch (JsonException)
        {
            await SendJsonAsync(connection, "400 Bad Request", Error("the body is not a task request"), cancellationToken);
            return;
        }

        try
        {
            var response = await tasks.SubmitAsync(request, cancellationToken);
            await SendJsonAsync(connection, "201 Created", JsonSerializer.Serialize(response, ControlJsonContext.Default.SubmitTaskResponse), cancellationToken);
        }
        catch (TaskRequestException ex)
        {
            await SendJsonAsync(connection, "400 Bad Request", Error(ex.Message), cancellationToken);
        }
    }

    private static async Task ListAsync(Socket connection, ITaskControl tasks, FakeHttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var limit = int.Parse(request.Query("limit") ?? "100", CultureInfo.InvariantCulture);
            var page = tasks.List(request.Query("state"), request.Query("after"), limit);
            await SendJsonAsync(connection, "200 OK", JsonSerializer.Serialize(page, ControlJsonContext.Default.TaskListView), cancellationToken);
        }
        catch (TaskRequestException ex)
        {
            await SendJsonAsync(connection, "400 Bad Request", Error(ex.Message), cancellationToken);
        }
    }

    private static Task StatusAsync(Socket connection, TaskStatusView? status, string id, CancellationToken cancellationToken) =>
        status is null
            ? SendJsonAsync(connection, "404 Not Found", Error($"no task {id}"), cancellationToken)
            : SendJsonAsync(connection, "200 OK", JsonSerializer.Serialize(status, ControlJsonContext.Default.TaskStatusView), cancellationToken);

    private async Task OutputAsync(Socket connection, ITaskControl tasks, string id, FakeHttpRequest request, CancellationToken cancellationToken)
    {
        if (tasks.Get(id) is null)
        {
            await SendJsonAsync(connection, "404 Not Found", Error($"no task {id}"), cancellationToken);
            return;
        }

        var after = long.Parse(request.Query("after") ?? "0", CultureInfo.InvariantCulture);
        var follow = request.Query("follow") == "true";
        const string Head = "HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
        await connection.SendAsync(Encoding.ASCII.GetBytes(Head), SocketFlags.None, cancellationToken);
        await foreach (var chunk in tasks.ReadOutputAsync(id, after, follow, cancellationToken))
        {
            var line = JsonSerializer.SerializeToUtf8Bytes(chunk, ControlJsonContext.Default.TaskOutputView);
            var framed = new byte[line.Length + 1];
            line.CopyTo(framed, 0);
            framed[^1] = (byte)'\n';

            // Each line in several HTTP chunks, each sent on its own: the client must put lines together.
            for (var offset = 0; offset < framed.Length; offset += OutputPieceBytes)
            {
                var piece = framed.AsMemory(offset, Math.Min(OutputPieceBytes, framed.Length - offset));
                await connection.SendAsync(Encoding.ASCII.GetBytes($"{piece.Length:x}\r\n"), SocketFlags.None, cancellationToken);
                await connection.SendAsync(piece, SocketFlags.None, cancellationToken);
                await connection.SendAsync("\r\n"u8.ToArray(), SocketFlags.None, cancellationToken);
                await Task.Yield();
            }
        }

        await connection.SendAsync("0\r\n\r\n"u8.ToArray(), SocketFlags.None, cancellationToken);
    }
}
