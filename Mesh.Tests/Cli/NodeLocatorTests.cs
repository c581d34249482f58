using Mesh.Cli.Client;
using Mesh.Node;
using Mesh.Node.Control;

namespace Mesh.Tests.Cli;

/// <summary>How <c>mesh</c> finds its node: <c>--node</c>, then <c>MESH_NODE</c>, then the node's own default.</summary>
[TestFixture]
public sealed class NodeLocatorTests
{
    [Test]
    public void Resolve_OptionGiven_WinsOverEnvironment()
    {
        var path = NodeLocator.Resolve("unix:/a/control.sock", Environment(("MESH_NODE", "unix:/b/control.sock")));

        Assert.That(path, Is.EqualTo("/a/control.sock"));
    }

    [Test]
    public void Resolve_NoOption_UsesMeshNode()
    {
        var path = NodeLocator.Resolve(null, Environment(("MESH_NODE", "unix:/b/control.sock"), ("XDG_DATA_HOME", "/xdg")));

        Assert.That(path, Is.EqualTo("/b/control.sock"));
    }

    [Test]
    public void Resolve_NothingSet_UsesXdgDataHome()
    {
        var path = NodeLocator.Resolve(null, Environment(("XDG_DATA_HOME", "/xdg"), ("HOME", "/home/ann")));

        Assert.That(path, Is.EqualTo("/xdg/mesh/control.sock"));
    }

    [Test]
    public void Resolve_NoXdg_UsesHomeLocalShare()
    {
        var path = NodeLocator.Resolve(null, Environment(("HOME", "/home/ann")));

        Assert.That(path, Is.EqualTo("/home/ann/.local/share/mesh/control.sock"));
    }

    [Test]
    public void Resolve_RelativeXdg_IsIgnoredLikeTheNodeDoes()
    {
        var path = NodeLocator.Resolve(null, Environment(("XDG_DATA_HOME", "relative"), ("HOME", "/home/ann")));

        Assert.That(path, Is.EqualTo("/home/ann/.local/share/mesh/control.sock"));
    }

    [Test]
    public void Default_ThisProcess_MatchesTheNodesDefaultSocket()
    {
        var cli = NodeLocator.Resolve(null, name => name == NodeLocator.EnvironmentVariable ? null : System.Environment.GetEnvironmentVariable(name));

        Assert.That(cli, Is.EqualTo(ControlServerOptions.DefaultPath(DataDirectory.Default())));
    }

    [Test]
    public void Resolve_BareAbsolutePath_IsAccepted()
    {
        Assert.That(NodeLocator.Resolve("/run/mesh.sock", Environment()), Is.EqualTo("/run/mesh.sock"));
    }

    [TestCase("tcp://127.0.0.1:1")]
    [TestCase("unix:relative.sock")]
    [TestCase("unix:")]
    public void Resolve_NotUnixAbsolute_ThrowsNamingTheSource(string address)
    {
        var ex = Assert.Throws<NodeAddressException>(() => NodeLocator.Resolve(null, Environment(("MESH_NODE", address))));

        Assert.That(ex!.Message, Does.StartWith($"MESH_NODE: '{address}' is not a node address"));
    }

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;
}
