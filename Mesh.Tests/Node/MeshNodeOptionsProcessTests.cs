namespace Mesh.Tests.Node;

/// <summary>The new mesh-node settings through the real program: bad values exit 2 with one line naming them.</summary>
[TestFixture]
[NonParallelizable]
[CancelAfter(60_000)]
public sealed class MeshNodeOptionsProcessTests
{
    private DirectoryInfo _work = null!;

    [SetUp]
    public void CreateWorkDir() => _work = Directory.CreateTempSubdirectory("mesh-node-options-");

    [TearDown]
    public void DeleteWorkDir() => _work.Delete(recursive: true);

    [TestCase("--reserve", "mem=1XB", "mesh-node: --reserve: mem=1XB: unknown size unit 'XB'")]
    [TestCase("--policy", "greedy", "mesh-node: --policy: 'greedy' is not a policy")]
    public async Task MeshNode_BadResourceFlag_ExitsWithCode2AndOneLine(string flag, string value, string expected)
    {
        await using var node = NodeProcess.Start("--data-dir", Path.Combine(_work.FullName, "x"), "--no-mdns", flag, value);

        var exit = await node.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(node.Stderr, Does.StartWith(expected));
        Assert.That(node.Stderr.Trim().Split('\n'), Has.Length.EqualTo(1));
    }
}
