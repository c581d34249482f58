using System.IO.Pipelines;
using Mesh.Core.Journal;
using Mesh.Core.Journal.Audit;
using Mesh.Core.Remote;
using Mesh.Libp2p.Channels;
using Mesh.Libp2p.Encoding;
using Mesh.Libp2p.Identity;
using Microsoft.Extensions.Logging;

namespace Mesh.Tests.Core.Journal.Audit;

/// <summary>The serving handler and the fetcher of <c>/mesh/journal/1.0.0</c>, over in-memory channels.</summary>
[CancelAfter(10_000)]
public sealed class JournalFetchTests
{
    private static readonly PeerId Server = IdentityKey.Generate().PeerId;
    private static readonly PeerId Client = IdentityKey.Generate().PeerId;
    private readonly List<Task> _served = [];

    [TearDown]
    public async Task TearDown()
    {
        await Task.WhenAll(_served);
        _served.Clear();
    }

    [Test]
    public async Task FetchAsync_FromTheStart_ReturnsTheFirstPageAndTheHead()
    {
        var journal = Journal(10);
        var fetcher = FetcherFor(journal);

        var page = await fetcher.FetchAsync(Server, 1, 4);

        Assert.Multiple(() =>
        {
            Assert.That(page.Entries.Select(e => e.ToArray()), Is.EqualTo(journal.Entries.Take(4)));
            Assert.That(page.Head.SameAs(journal.Fake.Head), Is.True);
        });
    }

    [Test]
    public async Task FetchAsync_Pages_CoverTheWholeJournalInOrder()
    {
        var journal = Journal(10);
        var fetcher = FetcherFor(journal);

        var fetched = new List<byte[]>();
        for (long from = 1; from <= 10; from += 4)
        {
            fetched.AddRange((await fetcher.FetchAsync(Server, from, 4)).Entries.Select(e => e.ToArray()));
        }

        Assert.That(fetched, Is.EqualTo(journal.Entries));
    }

    [Test]
    public async Task FetchAsync_FromPastTheHead_ReturnsNoEntries()
    {
        var journal = Journal(3);
        var page = await FetcherFor(journal).FetchAsync(Server, 4, 10);

        Assert.Multiple(() =>
        {
            Assert.That(page.Entries, Is.Empty);
            Assert.That(page.Head.Height, Is.EqualTo(3));
        });
    }

    [Test]
    public async Task FetchAsync_EmptyJournal_ReturnsGenesis()
    {
        var page = await FetcherFor(Journal(0)).FetchAsync(Server, 1, 10);

        Assert.That(page.Entries, Is.Empty);
        Assert.That(page.Head.SameAs(JournalHead.Genesis), Is.True);
    }

    [Test]
    public async Task Handler_EntriesOverTheFrameBudget_ServesOnlyThoseThatFit()
    {
        var options = new JournalFetchOptions { MaxFrameSize = 16 * 1024 };
        var journal = new TestJournal([.. Enumerable.Range(1, 5).Select(i => Enumerable.Repeat((byte)i, 5000).ToArray())]);
        var fetcher = FetcherFor(journal, options);

        var page = await fetcher.FetchAsync(Server, 1, 5);

        Assert.That(page.Entries, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task Handler_AnswerOverTheTransportWindow_IsReadWhole()
    {
        // A pipe that pauses its writer at 64 KiB, as a yamux stream's window does: the reader must consume as it goes.
        var journal = new TestJournal([.. Enumerable.Range(1, 200).Select(i => Enumerable.Repeat((byte)i, 4000).ToArray())]);
        var fetcher = FetcherFor(journal, pipe: new PipeOptions(pauseWriterThreshold: 64 * 1024, resumeWriterThreshold: 32 * 1024));

        var page = await fetcher.FetchAsync(Server, 1, 200);

        Assert.That(page.Entries, Has.Count.EqualTo(200));
    }

    [Test]
    public async Task Handler_MalformedRequest_ResetsTheStream()
    {
        var handler = Handler(Journal(2).Fake);
        var (client, server) = ChannelPair.Create();

        await client.Output.WriteAsync(LengthPrefixed.Encode([0x81, 0x00, 0x00])); // {0: 0}: no max, from 0
        await client.CloseWriteAsync();
        await handler.ServeAsync(server, Client, CancellationToken.None);

        Assert.That(server.Aborted, Is.True);
    }

    [Test]
    public async Task Handler_RequestFrameOverTheLimit_ResetsWithoutReadingIt()
    {
        var handler = Handler(Journal(2).Fake);
        var (client, server) = ChannelPair.Create();

        await client.Output.WriteAsync(Varint.Encode(64 * 1024 * 1024));
        await handler.ServeAsync(server, Client, CancellationToken.None);

        Assert.That(server.Aborted, Is.True);
    }

    [Test]
    public async Task Handler_OverTheConcurrencyLimit_ResetsTheNewStream()
    {
        var handler = Handler(Journal(2).Fake, new JournalFetchOptions { MaxConcurrentRequests = 1 });
        var (firstClient, firstServer) = ChannelPair.Create();
        var (_, secondServer) = ChannelPair.Create();
        var first = handler.ServeAsync(firstServer, Client, CancellationToken.None);

        await handler.ServeAsync(secondServer, Client, CancellationToken.None);
        await firstClient.Output.WriteAsync(JournalWireCodec.EncodeRequest(new JournalFetchRequest(1, 2)));
        await firstClient.CloseWriteAsync();
        await first;

        Assert.Multiple(() =>
        {
            Assert.That(secondServer.Aborted, Is.True, "the second stream");
            Assert.That(firstServer.Aborted, Is.False, "the first stream");
        });
    }

    [Test]
    public void FetchAsync_ServerClosesWithoutAnswer_ThrowsProtocolException()
    {
        var fetcher = RawServer(async server =>
        {
            await JournalWireStream.ReadFrameAsync(server.Input, 1024);
            await server.CloseWriteAsync();
        });

        Assert.ThrowsAsync<JournalProtocolException>(() => fetcher.FetchAsync(Server, 1, 10));
    }

    [Test]
    public void FetchAsync_GarbageAnswer_ThrowsProtocolException()
    {
        var fetcher = RawServer(server => Answer(server, LengthPrefixed.Encode([0x93, 0x01, 0x02, 0x03])));

        Assert.ThrowsAsync<JournalProtocolException>(() => fetcher.FetchAsync(Server, 1, 10));
    }

    [Test]
    public void FetchAsync_MoreEntriesThanAskedFor_ThrowsProtocolException()
    {
        var page = new JournalPage(new JournalHead(5, new byte[32]), [new byte[] { 1 }, new byte[] { 2 }, new byte[] { 3 }]);
        var fetcher = RawServer(server => Answer(server, JournalWireCodec.EncodeResponse(page)));

        Assert.ThrowsAsync<JournalProtocolException>(() => fetcher.FetchAsync(Server, 1, 2));
    }

    [Test]
    public void FetchAsync_EntriesPastTheAnnouncedHead_ThrowsProtocolException()
    {
        var page = new JournalPage(new JournalHead(2, new byte[32]), [new byte[] { 1 }, new byte[] { 2 }]);
        var fetcher = RawServer(server => Answer(server, JournalWireCodec.EncodeResponse(page)));

        Assert.ThrowsAsync<JournalProtocolException>(() => fetcher.FetchAsync(Server, 2, 2));
    }

    [Test]
    public void FetchAsync_AnswerFrameOverTheLimit_ThrowsBeforeReadingIt()
    {
        var fetcher = RawServer(server => Answer(server, Varint.Encode(1024 * 1024 + 1)));

        var ex = Assert.ThrowsAsync<JournalProtocolException>(() => fetcher.FetchAsync(Server, 1, 2));
        Assert.That(ex!.Message, Does.Contain("limit"));
    }

    [Test]
    public void FetchAsync_StreamCannotBeOpened_ThrowsPeerUnreachable()
    {
        var fetcher = new Libp2pJournalFetcher((_, _) => throw new PeerUnreachableException("no route"));

        Assert.ThrowsAsync<PeerUnreachableException>(() => fetcher.FetchAsync(Server, 1, 2));
    }

    [Test]
    public void FetchAsync_MaxOverThePageLimit_Throws()
    {
        var fetcher = new Libp2pJournalFetcher((_, _) => throw new PeerUnreachableException("unused"));

        Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => fetcher.FetchAsync(Server, 1, 1025));
    }

    private static TestJournal Journal(int count) => new([.. JournalTestData.Chain(IdentityKey.Generate(), IdentityKey.Generate(), count)]);

    private static JournalProtocolHandler Handler(IComputeJournal journal, JournalFetchOptions? options = null) =>
        new(journal, options, TimeProvider.System, TestLogging.Factory.CreateLogger<JournalProtocolHandler>());

    private Libp2pJournalFetcher FetcherFor(TestJournal journal, JournalFetchOptions? options = null, PipeOptions? pipe = null)
    {
        var handler = Handler(journal.Fake, options);
        return new Libp2pJournalFetcher(
            (peer, cancellationToken) =>
            {
                var (client, server) = ChannelPair.Create(pipe);
                _served.Add(ServeAndCloseAsync(handler, server));
                return Task.FromResult<IDuplexChannel>(client);
            },
            options);
    }

    private static async Task ServeAndCloseAsync(JournalProtocolHandler handler, InMemoryChannel server)
    {
        await handler.ServeAsync(server, Client, CancellationToken.None);
        await server.DisposeAsync();
    }

    private Libp2pJournalFetcher RawServer(Func<InMemoryChannel, Task> serve) =>
        new((_, _) =>
        {
            var (client, server) = ChannelPair.Create();
            _served.Add(serve(server));
            return Task.FromResult<IDuplexChannel>(client);
        });

    private static async Task Answer(InMemoryChannel server, byte[] frame)
    {
        await JournalWireStream.ReadFrameAsync(server.Input, 1024);
        await server.Output.WriteAsync(frame);
        await server.CloseWriteAsync();
    }

    /// <summary>Entries and the fake journal serving them.</summary>
    private sealed class TestJournal(List<byte[]> entries)
    {
        public List<byte[]> Entries { get; } = entries;

        public FakeComputeJournal Fake { get; } = new(Server, entries);
    }
}
