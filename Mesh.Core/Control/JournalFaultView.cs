namespace Mesh.Core.Control;

/// <summary>The first bad entry of a journal, as <c>GET /v1/journal/verify</c> reports it.</summary>
/// <param name="Position">Its position in the chain, counting from 1.</param>
/// <param name="Kind">What is wrong, camelCase: <c>unreadable</c>, <c>wrongHeight</c>, <c>brokenLink</c>, <c>badExecutorSignature</c>, <c>badOriginSignature</c>, <c>notAParty</c>, <c>duplicate</c>, <c>headMismatch</c>.</param>
/// <param name="Detail">A sentence for people.</param>
public sealed record JournalFaultView(long Position, string Kind, string Detail);
