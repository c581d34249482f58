using System.Net.Http.Headers;

namespace Mesh.Cli.Client;

/// <summary>One request to the control API: what to send, how long to wait, and how to word its failures.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path and query, as messages show it.</param>
/// <param name="Timeout">How long the whole exchange may take; null for as long as the caller's token allows.</param>
internal record ControlRequest(HttpMethod Method, string Path, TimeSpan? Timeout)
{
    /// <summary>A JSON body to send (already serialized through the source-generated context); null for none.</summary>
    public byte[]? JsonBody { get; init; }

    /// <summary>The task the request is about, so that a 404 reads "no task ID at this node"; null for other resources.</summary>
    public string? TaskId { get; init; }

    /// <summary>True for the task endpoints, whose 400 answers carry a message written for people.</summary>
    public bool IsTaskEndpoint { get; init; }

    /// <summary>True for endpoints whose every error answer carries a message written for people (the journal endpoints).</summary>
    public bool ErrorsForPeople { get; init; }

    /// <summary>A fresh message (a message can be sent only once).</summary>
    public HttpRequestMessage CreateMessage()
    {
        var message = new HttpRequestMessage(Method, Path);
        if (JsonBody is not null)
        {
            message.Content = new ByteArrayContent(JsonBody);
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        return message;
    }
}
