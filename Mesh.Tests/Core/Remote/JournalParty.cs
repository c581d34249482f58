using Mesh.Core.Journal;
using Mesh.Core.Tasks;
using Mesh.Libp2p.Identity;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mesh.Tests.Core.Remote;

/// <summary>One party of a compute transaction: a fresh identity key and a real journal on a temp directory.</summary>
internal sealed class JournalParty : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("mesh-journal-party-");

    public JournalParty()
    {
        Key = IdentityKey.Generate();
        Journal = JournalService.Open(
            new JournalOptions { Path = Path.Combine(_root.FullName, JournalOptions.FileName) }, Key.PeerId, TimeProvider.System, NullLogger<JournalService>.Instance);
        Journaling = new TaskJournaling(Key, Journal);
    }

    public IdentityKey Key { get; }

    public PeerId Peer => Key.PeerId;

    public string PeerText => Key.PeerId.ToString();

    public JournalService Journal { get; }

    public TaskJournaling Journaling { get; }

    /// <summary>The entries of the journal as read back from disk.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Entries => Journal.ReadRaw(1, 100);

    public void Dispose()
    {
        Journal.Dispose();
        _root.Delete(recursive: true);
    }
}
