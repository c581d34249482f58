using System.Globalization;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Mesh.Core.Control;

namespace Mesh.Cli.Client;

/// <summary>The task endpoints of the control API (docs/control-api.md).</summary>
public sealed partial class UnixSocketControlClient
{
    private const string TasksPath = "/v1/tasks";

    /// <inheritdoc />
    public Task<SubmitTaskResponse> SubmitAsync(SubmitTaskRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var call = new ControlRequest<SubmitTaskResponse>(HttpMethod.Post, TasksPath, ControlJsonContext.Default.SubmitTaskResponse, _options.RequestTimeout)
        {
            JsonBody = JsonSerializer.SerializeToUtf8Bytes(request, ControlJsonContext.Default.SubmitTaskRequest),
            IsTaskEndpoint = true,
        };
        return SendAsync(call, cancellationToken);
    }

    /// <inheritdoc />
    public Task<TaskStatusView> GetTaskAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync(TaskCall(HttpMethod.Get, id, "", _options.RequestTimeout), cancellationToken);

    /// <inheritdoc />
    public Task<TaskListView> ListTasksAsync(string? state, string? after, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var query = new List<string>(3);
        if (state is not null)
        {
            query.Add("state=" + Uri.EscapeDataString(state));
        }

        if (after is not null)
        {
            query.Add("after=" + Uri.EscapeDataString(after));
        }

        query.Add("limit=" + limit.ToString(CultureInfo.InvariantCulture));
        var path = TasksPath + "?" + string.Join('&', query);
        var call = new ControlRequest<TaskListView>(HttpMethod.Get, path, ControlJsonContext.Default.TaskListView, _options.RequestTimeout) { IsTaskEndpoint = true };
        return SendAsync(call, cancellationToken);
    }

    /// <inheritdoc />
    public Task<TaskStatusView> WaitAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync(TaskCall(HttpMethod.Post, id, "/wait", timeout: null), cancellationToken);

    /// <inheritdoc />
    public Task<TaskStatusView> CancelAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync(TaskCall(HttpMethod.Post, id, "/cancel", _options.RequestTimeout), cancellationToken);

    /// <inheritdoc />
    public async IAsyncEnumerable<TaskOutputView> ReadOutputAsync(
        string id,
        long afterSeq,
        bool follow,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var path = $"{TaskPath(id)}/output?after={afterSeq.ToString(CultureInfo.InvariantCulture)}&follow={(follow ? "true" : "false")}";
        var call = new ControlRequest(HttpMethod.Get, path, _options.RequestTimeout) { TaskId = id, IsTaskEndpoint = true };
        using var response = await OpenStreamAsync(call, cancellationToken).ConfigureAwait(false);
        var reader = PipeReader.Create(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
        try
        {
            while (true)
            {
                var chunks = await ReadLinesAsync(reader, call, cancellationToken).ConfigureAwait(false);
                foreach (var chunk in chunks)
                {
                    yield return chunk;
                }

                if (chunks.Count == 0)
                {
                    yield break;
                }
            }
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    private static string TaskPath(string id) => $"{TasksPath}/{Uri.EscapeDataString(id)}";

    private static ControlRequest<TaskStatusView> TaskCall(HttpMethod method, string id, string suffix, TimeSpan? timeout)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return new ControlRequest<TaskStatusView>(method, TaskPath(id) + suffix, ControlJsonContext.Default.TaskStatusView, timeout)
        {
            TaskId = id,
            IsTaskEndpoint = true,
        };
    }

    /// <summary>Sends <paramref name="call"/> and returns once the head arrived (within its timeout); the body streams after.</summary>
    private async Task<HttpResponseMessage> OpenStreamAsync(ControlRequest call, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(call.Timeout.GetValueOrDefault(Timeout.InfiniteTimeSpan));
        HttpResponseMessage? response = null;
        try
        {
            using var request = call.CreateMessage();
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            // An error body is small JSON: read at most what any answer may be.
            var body = await ReadBoundedAsync(response, deadline.Token).ConfigureAwait(false);
            throw Refused(call, response.StatusCode, body);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            response?.Dispose();
            throw NoAnswer(call.Method, call.Path, call.Timeout, ex);
        }
        catch (HttpRequestException ex)
        {
            response?.Dispose();
            throw Unreachable(ex, call.Method, call.Path);
        }
        catch
        {
            response?.Dispose();
            throw;
        }
    }

    private async Task<byte[]> ReadBoundedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[Math.Min(_options.MaxResponseBytes, 64 * 1024)];
            var length = 0;
            int read;
            while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
            {
                length += read;
            }

            return buffer[..length];
        }
    }

    /// <summary>
    /// Reads until at least one whole line arrived (or the stream ended) and decodes every whole line buffered;
    /// an empty list means the stream is over.
    /// </summary>
    private async Task<List<TaskOutputView>> ReadLinesAsync(PipeReader reader, ControlRequest call, CancellationToken cancellationToken)
    {
        var chunks = new List<TaskOutputView>();
        while (true)
        {
            ReadResult read;
            try
            {
                read = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException)
            {
                throw new ControlClientException($"the node at {_socketPath} broke off the output of task {call.TaskId}: {ex.Message}", ex);
            }

            var buffer = read.Buffer;
            NdjsonLineStatus status;
            while ((status = NdjsonLines.TryReadLine(ref buffer, _options.MaxOutputLineBytes, read.IsCompleted, out var line)) == NdjsonLineStatus.Line)
            {
                if (!NdjsonLines.IsBlank(line))
                {
                    chunks.Add(Decode(line, call));
                }
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
            if (status == NdjsonLineStatus.TooLong)
            {
                throw new ControlClientException(
                    $"the node at {_socketPath} sent an output line of task {call.TaskId} longer than {_options.MaxOutputLineBytes} bytes");
            }

            if (chunks.Count > 0 || read.IsCompleted)
            {
                return chunks;
            }
        }
    }

    private TaskOutputView Decode(System.Buffers.ReadOnlySequence<byte> line, ControlRequest call)
    {
        try
        {
            var reader = new Utf8JsonReader(line);
            return JsonSerializer.Deserialize(ref reader, ControlJsonContext.Default.TaskOutputView)
                ?? throw new JsonException("null chunk");
        }
        catch (JsonException ex)
        {
            throw new ControlClientException($"the node at {_socketPath} gave a malformed output line for task {call.TaskId} (is it the same version as mesh?)", ex);
        }
    }
}
