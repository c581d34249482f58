using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Mesh.Core.Control;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;

namespace Mesh.Node.Control;

/// <content>The task routes (docs/control-api.md, "Tasks").</content>
internal sealed partial class ControlApplication
{
    /// <summary>The media type of the output stream: one JSON object per line.</summary>
    public const string NdjsonContentType = "application/x-ndjson";

    private const int MaxListLimit = 1000;

    private static bool IsTaskRoute(ControlRoute route) => route is ControlRoute.SubmitTask or ControlRoute.ListTasks or ControlRoute.GetTask
        or ControlRoute.TaskOutput or ControlRoute.WaitTask or ControlRoute.CancelTask;

    private async Task ProcessTaskRequestAsync(IFeatureCollection context, ControlRoute route, string? taskId, MemoryStream body, CancellationToken aborted)
    {
        if (tasks is null)
        {
            await WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, "this node does not run tasks", aborted).ConfigureAwait(false);
            return;
        }

        var query = QueryHelpers.ParseQuery(context.GetRequiredFeature<IHttpRequestFeature>().QueryString);

        // Waiting and following end when the client goes away or the server stops, whichever comes first.
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(aborted, stopping);
        try
        {
            switch (route)
            {
                case ControlRoute.SubmitTask:
                    var submitted = await tasks.SubmitAsync(ReadSubmitRequest(body), linked.Token).ConfigureAwait(false);
                    await WriteAsync(context, StatusCodes.Status201Created, submitted, ControlJsonContext.Default.SubmitTaskResponse, aborted).ConfigureAwait(false);
                    break;
                case ControlRoute.ListTasks:
                    var list = tasks.List(Text(query, "state"), Text(query, "after"), Limit(query));
                    await WriteAsync(context, StatusCodes.Status200OK, list, ControlJsonContext.Default.TaskListView, aborted).ConfigureAwait(false);
                    break;
                case ControlRoute.GetTask:
                    await WriteTaskAsync(context, taskId!, tasks.Get(taskId!), aborted).ConfigureAwait(false);
                    break;
                case ControlRoute.WaitTask:
                    await WriteTaskAsync(context, taskId!, await tasks.WaitAsync(taskId!, linked.Token).ConfigureAwait(false), aborted).ConfigureAwait(false);
                    break;
                case ControlRoute.CancelTask:
                    await WriteTaskAsync(context, taskId!, await tasks.CancelAsync(taskId!, linked.Token).ConfigureAwait(false), aborted).ConfigureAwait(false);
                    break;
                case ControlRoute.TaskOutput:
                    await StreamOutputAsync(context, taskId!, query, linked.Token).ConfigureAwait(false);
                    break;
            }
        }
        catch (TaskRequestException ex)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, OneLine(ex.Message), aborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested && !aborted.IsCancellationRequested)
        {
            if (!context.GetRequiredFeature<IHttpResponseFeature>().HasStarted)
            {
                await WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, "the node is stopping", aborted).ConfigureAwait(false);
            }
        }
    }

    private async Task StreamOutputAsync(IFeatureCollection context, string taskId, Dictionary<string, Microsoft.Extensions.Primitives.StringValues> query, CancellationToken cancellationToken)
    {
        var after = 0L;
        if (Text(query, "after") is { } afterText && (!long.TryParse(afterText, NumberStyles.None, CultureInfo.InvariantCulture, out after)))
        {
            throw new TaskRequestException($"after '{afterText}' must be a sequence number (a whole number of at least 0)");
        }

        var follow = false;
        if (Text(query, "follow") is { } followText && !bool.TryParse(followText, out follow))
        {
            throw new TaskRequestException($"follow '{followText}' must be true or false");
        }

        if (tasks!.Get(taskId) is null)
        {
            await WriteErrorAsync(context, StatusCodes.Status404NotFound, $"no task {taskId}", cancellationToken).ConfigureAwait(false);
            return;
        }

        var response = context.GetRequiredFeature<IHttpResponseFeature>();
        response.StatusCode = StatusCodes.Status200OK;
        response.Headers.ContentType = NdjsonContentType;
        response.Headers.CacheControl = "no-store";
        var writer = context.GetRequiredFeature<IHttpResponseBodyFeature>().Writer;

        // No Content-Length: the stream is chunked, each chunk of output flushed as it arrives.
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var chunk in tasks.ReadOutputAsync(taskId, after, follow, cancellationToken).ConfigureAwait(false))
        {
            var line = JsonSerializer.SerializeToUtf8Bytes(chunk, ControlJsonContext.Default.TaskOutputView);
            writer.Write(line);
            writer.Write("\n"u8);
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        await context.GetRequiredFeature<IHttpResponseBodyFeature>().CompleteAsync().ConfigureAwait(false);
    }

    private static Task WriteTaskAsync(IFeatureCollection context, string taskId, TaskStatusView? view, CancellationToken cancellationToken) =>
        view is null
            ? WriteErrorAsync(context, StatusCodes.Status404NotFound, $"no task {taskId}", cancellationToken)
            : WriteAsync(context, StatusCodes.Status200OK, view, ControlJsonContext.Default.TaskStatusView, cancellationToken);

    private static SubmitTaskRequest ReadSubmitRequest(MemoryStream body)
    {
        try
        {
            return JsonSerializer.Deserialize(body.GetBuffer().AsSpan(0, (int)body.Length), ControlJsonContext.Default.SubmitTaskRequest)
                ?? throw new TaskRequestException("the body must be a task request (a JSON object), not null");
        }
        catch (JsonException ex)
        {
            throw new TaskRequestException($"the body is not a task request: {OneLine(ex.Message)}", ex);
        }
    }

    private static int Limit(Dictionary<string, Microsoft.Extensions.Primitives.StringValues> query)
    {
        if (Text(query, "limit") is not { } text)
        {
            return 0;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= MaxListLimit
            ? limit
            : throw new TaskRequestException($"limit '{text}' must be a whole number from 1 to {MaxListLimit}");
    }

    private static string? Text(Dictionary<string, Microsoft.Extensions.Primitives.StringValues> query, string name) =>
        query.TryGetValue(name, out var values) && values.Count > 0 ? values[^1] : null;
}
