using System.Text.Json;
using Mesh.Cli.Client;
using Mesh.Core.Control;
using Mesh.Node.Control;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mesh.Tests.Node.Control;

/// <summary><c>GET /v1/journal</c> and <c>GET /v1/journal/verify</c>, served by a fake journal on a temp socket.</summary>
[TestFixture]
[CancelAfter(10_000)]
public sealed class ControlJournalEndpointTests
{
    private ControlSocketDirectory _directory = null!;
    private FakeJournalControl _journal = null!;
    private ControlServer _server = null!;

    [SetUp]
    public async Task StartServer()
    {
        _directory = new ControlSocketDirectory();
        _journal = new FakeJournalControl();
        _server = new ControlServer(new FakeNodeControl(), null, _journal, new ControlServerOptions { SocketPath = _directory.SocketPath }, NullLoggerFactory.Instance);
        await _server.StartAsync();
    }

    [TearDown]
    public async Task StopServer()
    {
        await _server.DisposeAsync();
        _directory.Dispose();
    }

    [Test]
    public async Task GetJournal_NoQuery_AsksThisNodeFromOneForAHundred()
    {
        var response = await RawHttp.RequestAsync(_directory.SocketPath, "GET", "/v1/journal");

        Assert.Multiple(() =>
        {
            Assert.That(response, Does.StartWith("HTTP/1.1 200 "));
            Assert.That(_journal.ListCalls, Is.EqualTo(new[] { ((string?)null, 1L, 100) }));
            Assert.That(RawHttp.Body(response), Is.EqualTo(JsonSerializer.Serialize(_journal.List, ControlJsonContext.Default.JournalListView)));
        });
    }

    [Test]
    public async Task GetJournal_Client_RoundTripsPeerFromAndLimit()
    {
        using var client = new UnixSocketControlClient(_directory.SocketPath);

        var page = await client.ListJournalAsync("host 01/x", 7, 1024);

        Assert.Multiple(() =>
        {
            Assert.That(_journal.ListCalls, Is.EqualTo(new[] { ((string?)"host 01/x", 7L, 1024) }));
            Assert.That(JsonSerializer.Serialize(page, ControlJsonContext.Default.JournalListView), Is.EqualTo(JsonSerializer.Serialize(_journal.List, ControlJsonContext.Default.JournalListView)));
        });
    }

    [Test]
    public async Task GetJournal_Json_HasTheContractFields()
    {
        var response = await RawHttp.RequestAsync(_directory.SocketPath, "GET", "/v1/journal");

        using var document = JsonDocument.Parse(RawHttp.Body(response));
        var root = document.RootElement;
        var entry = root.GetProperty("entries")[0];
        Assert.Multiple(() =>
        {
            foreach (var name in new[] { "peer", "name", "height", "head", "entries" })
            {
                Assert.That(root.TryGetProperty(name, out _), name);
            }

            foreach (var name in new[]
            {
                "height", "hash", "previous", "task", "attempt", "origin", "executor", "commandDigest", "requested", "wallSeconds",
                "cpuSeconds", "peakMemory", "startedAt", "finishedAt", "outcome", "exitCode", "signal", "executorSignature", "originSignature",
            })
            {
                Assert.That(entry.TryGetProperty(name, out _), name);
            }

            Assert.That(entry.GetProperty("requested").GetProperty("memory").GetInt64(), Is.EqualTo(ControlSamples.GiB));
        });
    }

    [TestCase("from=0")]
    [TestCase("from=-1")]
    [TestCase("from=x")]
    [TestCase("limit=0")]
    [TestCase("limit=1025")]
    [TestCase("limit=ten")]
    [TestCase("peer=")]
    public async Task GetJournal_BadQuery_Returns400WithoutAskingTheJournal(string query)
    {
        var response = await RawHttp.RequestAsync(_directory.SocketPath, "GET", "/v1/journal?" + query);

        Assert.Multiple(() =>
        {
            Assert.That(response, Does.StartWith("HTTP/1.1 400 "));
            Assert.That(ErrorOf(response), Does.Contain(query.Split('=')[0]));
            Assert.That(_journal.ListCalls, Is.Empty);
        });
    }

    [TestCase(JournalRequestError.UnknownPeer, "404")]
    [TestCase(JournalRequestError.Unreachable, "502")]
    [TestCase(JournalRequestError.TooLarge, "413")]
    [TestCase(JournalRequestError.BadRequest, "400")]
    public async Task GetVerify_JournalRefuses_AnswersItsStatusAndOneLine(JournalRequestError error, string status)
    {
        _journal.Failure = new JournalRequestException(error, "unknown peer 'zeta': no peer has that name\nsecond line");

        var response = await RawHttp.RequestAsync(_directory.SocketPath, "GET", "/v1/journal/verify?peer=zeta");

        Assert.Multiple(() =>
        {
            Assert.That(response, Does.StartWith($"HTTP/1.1 {status} "));
            Assert.That(ErrorOf(response), Is.EqualTo("unknown peer 'zeta': no peer has that name"));
            Assert.That(_journal.VerifyCalls, Is.EqualTo(new[] { "zeta" }));
        });
    }

    [Test]
    public async Task VerifyJournal_Client_UnknownPeer_ThrowsTheNodesMessage()
    {
        _journal.Failure = new JournalRequestException(JournalRequestError.UnknownPeer, "unknown peer 'zeta'");
        using var client = new UnixSocketControlClient(_directory.SocketPath);

        var ex = Assert.ThrowsAsync<ControlClientException>(() => client.VerifyJournalAsync("zeta"));

        Assert.That(ex!.Message, Is.EqualTo("unknown peer 'zeta'"));
    }

    [Test]
    public async Task VerifyJournal_Client_ReturnsTheVerdict()
    {
        _journal.Verification = JournalSamples.Bad(4, "badExecutorSignature", "entry 4: the executor signature does not verify");
        using var client = new UnixSocketControlClient(_directory.SocketPath);

        var verdict = await client.VerifyJournalAsync(null);

        Assert.Multiple(() =>
        {
            Assert.That(verdict.Ok, Is.False);
            Assert.That(verdict.FirstBad, Is.EqualTo(_journal.Verification.FirstBad));
            Assert.That(_journal.VerifyCalls, Is.EqualTo(new string?[] { null }));
        });
    }

    [Test]
    public async Task PostJournal_Returns405()
    {
        var response = await RawHttp.RequestAsync(_directory.SocketPath, "POST", "/v1/journal/verify");

        Assert.Multiple(() =>
        {
            Assert.That(response, Does.StartWith("HTTP/1.1 405 "));
            Assert.That(_journal.VerifyCalls, Is.Empty);
        });
    }

    [Test]
    public async Task GetJournal_ServerWithoutJournal_Returns503()
    {
        await using var server = new ControlServer(new FakeNodeControl(), new ControlServerOptions { SocketPath = _directory.SocketPath + "2" }, NullLoggerFactory.Instance);
        await server.StartAsync();

        var response = await RawHttp.RequestAsync(server.SocketPath, "GET", "/v1/journal");

        Assert.Multiple(() =>
        {
            Assert.That(response, Does.StartWith("HTTP/1.1 503 "));
            Assert.That(ErrorOf(response), Does.Contain("no journal"));
        });
    }

    private static string ErrorOf(string response) =>
        JsonSerializer.Deserialize(RawHttp.Body(response), ControlJsonContext.Default.ErrorView)!.Error;
}
