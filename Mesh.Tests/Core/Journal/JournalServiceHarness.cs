using System.Buffers.Binary;
using Mesh.Core.Journal;
using Mesh.Libp2p.Identity;
using Microsoft.Extensions.Time.Testing;

namespace Mesh.Tests.Core.Journal;

/// <summary>A journal file in a temporary directory, its owner and a peer, and helpers to edit the file as an attacker would.</summary>
internal sealed class JournalServiceHarness : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "mesh-journal-" + Guid.NewGuid().ToString("N"));

    public JournalServiceHarness()
    {
        Directory.CreateDirectory(_directory);
    }

    public IdentityKey Owner { get; } = IdentityKey.Generate();

    public IdentityKey Other { get; } = IdentityKey.Generate();

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.FromUnixTimeMilliseconds(1_764_000_123_456));

    public RecordingLogger<JournalService> Logger { get; } = new();

    public string FilePath => Path.Combine(_directory, JournalOptions.FileName);

    public JournalService Open() => JournalService.Open(new JournalOptions { Path = FilePath }, Owner.PeerId, Time, Logger);

    /// <summary>Given (owner ran it for the other), used (the other ran it for the owner) or local, by attempt number.</summary>
    public SignedComputeRecord Transaction(ulong attempt) => (attempt % 3) switch
    {
        0 => JournalTestData.Transaction(Other, Owner, attempt),
        1 => JournalTestData.Transaction(Owner, Other, attempt),
        _ => JournalTestData.Transaction(Owner, Owner, attempt),
    };

    /// <summary>The frames of the file: (offset, entry bytes).</summary>
    public List<(int Offset, byte[] Entry)> Frames()
    {
        var bytes = File.ReadAllBytes(FilePath);
        var frames = new List<(int, byte[])>();
        for (var offset = 0; offset + 4 <= bytes.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(offset));
            frames.Add((offset, bytes.AsSpan(offset + 4, length).ToArray()));
            offset += 4 + length;
        }

        return frames;
    }

    public void WriteFrames(IEnumerable<byte[]> entries)
    {
        using var file = File.Create(FilePath);
        foreach (var entry in entries)
        {
            var header = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(header, entry.Length);
            file.Write(header);
            file.Write(entry);
        }
    }

    public string[] EvidenceFiles() => Directory.GetFiles(_directory, JournalOptions.FileName + ".torn-*");

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
