namespace Mesh.Core.Journal;

/// <summary>The first bad entry of a journal.</summary>
/// <param name="Position">Its position in the chain, counting from 1 (the height it should have).</param>
/// <param name="Kind">What is wrong.</param>
/// <param name="Detail">A sentence for people, naming what was expected and what was found.</param>
public sealed record JournalFault(long Position, JournalFaultKind Kind, string Detail);
