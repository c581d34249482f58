using System.Text.Json.Serialization.Metadata;

namespace Mesh.Cli.Client;

/// <summary>A <see cref="ControlRequest"/> whose answer is one JSON document of type <typeparamref name="T"/>.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path and query.</param>
/// <param name="Type">The source-generated type info of the answer.</param>
/// <param name="Timeout">How long the whole exchange may take; null for as long as the caller's token allows.</param>
internal sealed record ControlRequest<T>(HttpMethod Method, string Path, JsonTypeInfo<T> Type, TimeSpan? Timeout)
    : ControlRequest(Method, Path, Timeout);
