namespace Mesh.Core.Journal;

/// <summary>A run of another peer's journal entries as it served them.</summary>
/// <param name="Head">The head it announced with them.</param>
/// <param name="Entries">The entries' exact bytes, from the height asked for on, consecutive.</param>
public sealed record JournalPage(JournalHead Head, IReadOnlyList<ReadOnlyMemory<byte>> Entries);
