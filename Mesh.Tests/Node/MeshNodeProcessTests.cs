namespace Mesh.Tests.Node;

/// <summary>The <c>mesh-node</c> program itself, started as real processes on loopback (mDNS off).</summary>
[TestFixture]
[NonParallelizable]
[CancelAfter(90_000)]
public sealed class MeshNodeProcessTests
{
    private DirectoryInfo _work = null!;

    [SetUp]
    public void CreateWorkDir() => _work = Directory.CreateTempSubdirectory("mesh-node-test-");

    [TearDown]
    public void DeleteWorkDir() => _work.Delete(recursive: true);

    [Test]
    public async Task MeshNode_FirstStart_PrintsFullAddressAndMakesPrivateKeys()
    {
        var dataDir = Path.Combine(_work.FullName, "a");
        string address;
        await using (var node = NodeProcess.Start("--data-dir", dataDir, "--listen", "/ip4/127.0.0.1/tcp/0", "--no-mdns"))
        {
            address = await node.WaitForListenAddressAsync();
            Assert.That(node.Stdout, Does.Contain("created a new mesh key in " + Path.Combine(dataDir, "swarm.key")));
        }

        Assert.Multiple(() =>
        {
            Assert.That(File.GetUnixFileMode(Path.Combine(dataDir, "identity.key")), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
            Assert.That(File.GetUnixFileMode(Path.Combine(dataDir, "swarm.key")), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        });

        await using var again = NodeProcess.Start("--data-dir", dataDir, "--listen", "/ip4/127.0.0.1/tcp/0", "--no-mdns");
        var second = await again.WaitForListenAddressAsync();
        Assert.That(second[(second.IndexOf("/p2p/", StringComparison.Ordinal) + 5)..], Is.EqualTo(address[(address.IndexOf("/p2p/", StringComparison.Ordinal) + 5)..]), "the identity persists");
        Assert.That(again.Stdout, Does.Not.Contain("created a new mesh key"));
    }

    [Test]
    public async Task MeshNode_SameMeshKey_Connects_OtherKey_DoesNot()
    {
        var a = Path.Combine(_work.FullName, "a");
        await using var first = NodeProcess.Start("--data-dir", a, "--listen", "/ip4/127.0.0.1/tcp/0", "--no-mdns");
        var address = await first.WaitForListenAddressAsync();

        await using var member = NodeProcess.Start("--data-dir", Path.Combine(_work.FullName, "b"), "--mesh-key", Path.Combine(a, "swarm.key"),
            "--listen", "/ip4/127.0.0.1/tcp/0", "--no-mdns", "--peer", address);
        await using var stranger = NodeProcess.Start("--data-dir", Path.Combine(_work.FullName, "c"),
            "--listen", "/ip4/127.0.0.1/tcp/0", "--no-mdns", "--peer", address);

        Assert.That(await member.WaitForLogAsync("Connected to " + address[(address.IndexOf("/p2p/", StringComparison.Ordinal) + 5)..], TimeSpan.FromSeconds(30)), Is.True, member.Stderr);
        Assert.That(await stranger.WaitForLogAsync("Could not reach static peer", TimeSpan.FromSeconds(30)), Is.True, stranger.Stderr);
        Assert.That(stranger.Stderr, Does.Not.Contain("Connected to"));
    }

    [TestCase("--listen", "/ip4/127.0.0.1/udp/1", "--listen")]
    [TestCase("--listen", "nonsense", "--listen")]
    [TestCase("--peer", "/ip4/127.0.0.1/tcp/4001", "--peer")]
    [TestCase("--mesh-key", "/nonexistent/swarm.key", "--mesh-key")]
    public async Task MeshNode_BadFlag_ExitsWithMessageNamingIt(string flag, string value, string named)
    {
        await using var node = NodeProcess.Start("--data-dir", Path.Combine(_work.FullName, "x"), "--no-mdns", flag, value);

        var exit = await node.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.That(exit, Is.Not.Zero);
        Assert.That(node.Stderr + node.Stdout, Does.Contain(named));
    }

    [Test]
    public async Task MeshNode_CorruptIdentityKey_ExitsWithPathAndKeepsTheFile()
    {
        var dataDir = Directory.CreateDirectory(Path.Combine(_work.FullName, "d")).FullName;
        var keyPath = Path.Combine(dataDir, "identity.key");
        await File.WriteAllBytesAsync(keyPath, [1, 2, 3]);

        await using var node = NodeProcess.Start("--data-dir", dataDir, "--listen", "/ip4/127.0.0.1/tcp/0", "--no-mdns");

        Assert.That(await node.WaitForExitAsync(TimeSpan.FromSeconds(30)), Is.Not.Zero);
        Assert.That(node.Stderr, Does.Contain(keyPath));
        Assert.That(await File.ReadAllBytesAsync(keyPath), Is.EqualTo(new byte[] { 1, 2, 3 }));
    }
}
