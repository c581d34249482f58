using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Mesh.Core.Control;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Mesh.Node.Control;

/// <summary>
/// The control API's request handling, straight on Kestrel's feature collection: a handful of routes do not need the
/// routing and middleware machinery (or its memory), and the JSON comes from the source-generated context. Task routes
/// answer 503 when the node has no <see cref="ITaskControl"/>, journal routes when it has no <see cref="IJournalControl"/>.
/// </summary>
internal sealed partial class ControlApplication(INodeControl node, ITaskControl? tasks, IJournalControl? journal, long maxSubmitBodySize, ILogger logger, CancellationToken stopping)
    : IHttpApplication<IFeatureCollection>
{
    /// <summary>The media type of every answer.</summary>
    public const string JsonContentType = "application/json; charset=utf-8";

    public IFeatureCollection CreateContext(IFeatureCollection contextFeatures) => contextFeatures;

    public void DisposeContext(IFeatureCollection context, Exception? exception)
    {
    }

    public async Task ProcessRequestAsync(IFeatureCollection context)
    {
        var request = context.GetRequiredFeature<IHttpRequestFeature>();
        var aborted = context.Get<IHttpRequestLifetimeFeature>()?.RequestAborted ?? CancellationToken.None;
        var method = request.Method;
        var path = request.Path;
        try
        {
            var route = ControlRoutes.Match(method, path, out var taskId);
            if (route == ControlRoute.SubmitTask && context.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
            {
                bodyLimit.MaxRequestBodySize = maxSubmitBodySize;
            }

            // Reading the body (also where no endpoint needs it) is what makes Kestrel hold it to its limit (413)
            // instead of draining whatever a client sends after the answer.
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body, aborted).ConfigureAwait(false);
            if (IsTaskRoute(route))
            {
                await ProcessTaskRequestAsync(context, route, taskId, body, aborted).ConfigureAwait(false);
                return;
            }

            if (route is ControlRoute.Journal or ControlRoute.VerifyJournal)
            {
                await ProcessJournalRequestAsync(context, route, aborted).ConfigureAwait(false);
                return;
            }

            switch (route)
            {
                case ControlRoute.Node:
                    await WriteAsync(context, StatusCodes.Status200OK, node.GetNode(), ControlJsonContext.Default.NodeView, aborted).ConfigureAwait(false);
                    break;
                case ControlRoute.Peers:
                    await WriteAsync(context, StatusCodes.Status200OK, node.GetPeers(), ControlJsonContext.Default.PeersView, aborted).ConfigureAwait(false);
                    break;
                case ControlRoute.Benchmark:
                    var view = await node.RerunBenchmarkAsync(aborted).ConfigureAwait(false);
                    await WriteAsync(context, StatusCodes.Status200OK, view, ControlJsonContext.Default.NodeView, aborted).ConfigureAwait(false);
                    break;
                case ControlRoute.WrongMethod:
                    context.GetRequiredFeature<IHttpResponseFeature>().Headers.Allow = ControlRoutes.AllowedMethods(path);
                    await WriteErrorAsync(context, StatusCodes.Status405MethodNotAllowed, $"{method} is not allowed on {path} (allowed: {ControlRoutes.AllowedMethods(path)})", aborted).ConfigureAwait(false);
                    break;
                default:
                    await WriteErrorAsync(context, StatusCodes.Status404NotFound, $"no such endpoint: {path} (see docs/control-api.md)", aborted).ConfigureAwait(false);
                    break;
            }
        }
        catch (BadHttpRequestException ex)
        {
            await WriteErrorAsync(context, ex.StatusCode, $"bad request to {path}: {OneLine(ex.Message)}", aborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
        }
#pragma warning disable CA1031 // Any failure of the node becomes a 500 with one line; the server must keep serving.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogRequestFailed(logger, method, path, ex);
            if (!context.GetRequiredFeature<IHttpResponseFeature>().HasStarted)
            {
                await WriteErrorAsync(context, StatusCodes.Status500InternalServerError, $"the node failed to answer {method} {path}: {OneLine(ex.Message)}", aborted).ConfigureAwait(false);
            }
        }
    }

    private static Task WriteErrorAsync(IFeatureCollection context, int status, string message, CancellationToken cancellationToken) =>
        WriteAsync(context, status, new ErrorView(message), ControlJsonContext.Default.ErrorView, cancellationToken);

    private static async Task WriteAsync<T>(IFeatureCollection context, int status, T value, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(value, type);
        var response = context.GetRequiredFeature<IHttpResponseFeature>();
        response.StatusCode = status;
        response.Headers.ContentType = JsonContentType;
        response.Headers.ContentLength = body.Length;
        response.Headers.CacheControl = "no-store";
        var bodyFeature = context.GetRequiredFeature<IHttpResponseBodyFeature>();
        await bodyFeature.Writer.WriteAsync(body, cancellationToken).ConfigureAwait(false);
        await bodyFeature.CompleteAsync().ConfigureAwait(false);
    }

    private static string OneLine(string text)
    {
        var end = text.AsSpan().IndexOfAny('\r', '\n');
        return end < 0 ? text : text[..end];
    }

    [LoggerMessage(EventId = 1310, Level = LogLevel.Error, Message = "Control API request {Method} {Path} failed")]
    private static partial void LogRequestFailed(ILogger logger, string method, string path, Exception exception);
}
