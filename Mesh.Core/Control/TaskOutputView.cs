namespace Mesh.Core.Control;

/// <summary>
/// One chunk of a task's output, a line of the NDJSON stream <c>GET /v1/tasks/{id}/output?after=SEQ&amp;follow=true</c>.
/// A reader resumes after the last <see cref="Seq"/> it saw.
/// </summary>
/// <param name="Seq">The chunk's sequence number at the origin, increasing.</param>
/// <param name="Stream"><c>stdout</c>, <c>stderr</c> or <c>notice</c> (a message from the mesh, such as "output truncated").</param>
/// <param name="Data">The bytes, base64 in JSON.</param>
public sealed record TaskOutputView(long Seq, string Stream, byte[] Data);
