using System.Net.Http.Json;
using Mesh.Core.Control;
using Mesh.Libp2p.Pnet;
using Mesh.Tests.Node;
using Mesh.Tests.Node.Control;

namespace Mesh.Tests.Security;

/// <summary>
/// Two real <c>mesh-node</c> processes on loopback with different mesh keys, the second dialing the first as a
/// static peer: the private-network layer stops the handshake, so neither ever lists the other (promise 1).
/// </summary>
[TestFixture]
[NonParallelizable]
[CancelAfter(60_000)]
public sealed class WrongMeshKeyTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private DirectoryInfo _work = null!;

    [SetUp]
    public void CreateWorkDir() => _work = Directory.CreateTempSubdirectory("mesh-seckey-");

    [TearDown]
    public void DeleteWorkDir() => _work.Delete(recursive: true);

    [Test]
    public async Task MeshNode_DialsPeerWithAnotherMeshKey_HandshakeFailsAndNeitherListsTheOther()
    {
        await using var member = Start("member", KeyFile("member.key"));
        var memberAddress = await member.WaitForListenAddressAsync();
        await using var stranger = Start("stranger", KeyFile("stranger.key"), "--peer", memberAddress);
        var strangerAddress = await stranger.WaitForListenAddressAsync();

        var strangerLogged = await stranger.WaitForLogAsync("Could not reach static peer " + memberAddress, Wait);
        var memberLogged = await member.WaitForLogAsync("during upgrade", Wait);
        Assert.That(await member.WaitForStdoutAsync("control API on unix:", Wait) && await stranger.WaitForStdoutAsync("control API on unix:", Wait), Is.True);
        var memberPeers = await PeerIdsAsync("member");
        var strangerPeers = await PeerIdsAsync("stranger");

        Assert.Multiple(() =>
        {
            Assert.That(strangerLogged, Is.True, "the dialer logs the failed handshake: " + stranger.Stderr);
            Assert.That(memberLogged, Is.True, "the listener drops the connection during its upgrade: " + member.Stderr);
            Assert.That(memberPeers, Does.Not.Contain(IdOf(strangerAddress)));
            Assert.That(strangerPeers, Does.Not.Contain(IdOf(memberAddress)));
            Assert.That(member.Stderr + stranger.Stderr, Does.Not.Contain("Connected to"));
        });
    }

    private static string IdOf(string address) => address[(address.LastIndexOf('/') + 1)..];

    private NodeProcess Start(string name, string meshKey, params string[] extra) => NodeProcess.Start(
    [
        "--data-dir", Path.Combine(_work.FullName, name), "--name", name, "--mesh-key", meshKey,
        "--listen", "/ip4/127.0.0.1/tcp/0", "--no-mdns", .. extra,
    ]);

    private string KeyFile(string name)
    {
        var path = Path.Combine(_work.FullName, name);
        PreSharedKey.LoadOrCreate(path, out _);
        return path;
    }

    private async Task<string[]> PeerIdsAsync(string name)
    {
        using var client = UnixSocketHttp.Create(Path.Combine(_work.FullName, name, "control.sock"));
        var view = await client.GetFromJsonAsync("/v1/peers", ControlJsonContext.Default.PeersView);
        return [.. view!.Peers.Where(p => p.Id != view.Self).Select(p => p.Id)];
    }
}
