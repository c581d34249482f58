namespace Mesh.Core.Journal;

/// <summary>Settings of the compute journal (<c>DATA_DIR/journal.log</c>, docs/protocol.md, "Journal", the file).</summary>
public sealed class JournalOptions
{
    /// <summary>The journal file name in the data dir.</summary>
    public const string FileName = "journal.log";

    /// <summary>The smallest <see cref="MaxEntryBytes"/>: an entry holding a record of the largest size fits.</summary>
    public const int MinEntryBytes = JournalFormat.MaxRecordBytes + 512;

    /// <summary>The journal file. Required; normally <c>Path.Combine(dataDir, FileName)</c>.</summary>
    public string Path { get; set; } = "";

    /// <summary>
    /// The largest entry (and frame) the file may hold, from <see cref="MinEntryBytes"/> to 8,192. Default 8,192, the
    /// protocol's limit. A frame claiming more is damage when the journal is opened, so do not lower it below entries
    /// already stored.
    /// </summary>
    public int MaxEntryBytes { get; set; } = JournalFormat.MaxEntryBytes;

    /// <summary>Throws if a setting is out of range; the message names it.</summary>
    /// <exception cref="ArgumentException"><see cref="Path"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="MaxEntryBytes"/> is out of range.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Path))
        {
            throw new ArgumentException($"{nameof(JournalOptions)}.{nameof(Path)} is required.", nameof(Path));
        }

        if (MaxEntryBytes is < MinEntryBytes or > JournalFormat.MaxEntryBytes)
        {
            throw new ArgumentOutOfRangeException(
                nameof(MaxEntryBytes), MaxEntryBytes, $"{nameof(JournalOptions)}.{nameof(MaxEntryBytes)} must be from {MinEntryBytes} to {JournalFormat.MaxEntryBytes}.");
        }
    }
}
