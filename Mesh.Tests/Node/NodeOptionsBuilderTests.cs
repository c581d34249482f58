using Mesh.Core.Policy;
using Mesh.Core.Resources;
using Mesh.Node;

namespace Mesh.Tests.Node;

/// <summary>mesh-node settings from flags, MESH_* variables and the config file, in-process.</summary>
[TestFixture]
public sealed class NodeOptionsBuilderTests
{
    private DirectoryInfo _work = null!;
    private Dictionary<string, string> _environment = null!;

    [SetUp]
    public void Create()
    {
        _work = Directory.CreateTempSubdirectory("mesh-options-");
        _environment = [];
    }

    [TearDown]
    public void Delete() => _work.Delete(recursive: true);

    private string DataDir => Path.Combine(_work.FullName, "data");

    [Test]
    public void Build_NoSettings_HasTheDefaults()
    {
        var options = Build();
        Assert.Multiple(() =>
        {
            Assert.That(options.Name, Is.EqualTo(NodeOptions.DefaultName()));
            Assert.That(options.Name, Does.Not.Contain("."));
            Assert.That(options.Policy.Kind, Is.EqualTo(SurplusPolicyKind.Static));
            Assert.That(options.ControlSocketPath, Is.EqualTo(Path.Combine(DataDir, "control.sock")));
            Assert.That(options.CapacityOverride.IsEmpty, Is.True);
            Assert.That(options.ProbeInterval, Is.EqualTo(TimeSpan.FromSeconds(2)));
            Assert.That(options.ConfigFile, Is.Null);
        });
    }

    [Test]
    public void Build_ResourceFlags_AreParsed()
    {
        var options = Build(
            ("name", "lab-1"), ("capacity", "cpu=4,mem=8GiB,disk=1TB"), ("reserve", "cpu=1,mem=1GiB"), ("share", "disk=75%"),
            ("policy", "Predictive"), ("headroom", "cpu=1"), ("probe-interval", "500ms"), ("hold-time", "2m"), ("forecast-horizon", "30m"),
            ("control", "unix:" + Path.Combine(_work.FullName, "c.sock")), ("rerun-benchmark", "true"));

        Assert.Multiple(() =>
        {
            Assert.That(options.Name, Is.EqualTo("lab-1"));
            Assert.That(options.CapacityOverride, Is.EqualTo(new ResourceSpec(4, 8L << 30, 1_000_000_000_000L)));
            Assert.That(options.Reserve, Is.EqualTo(new ResourceSpec(1, 1L << 30)));
            Assert.That(options.Share, Is.EqualTo(new ResourceShare(Disk: 75)));
            Assert.That(options.Policy.Kind, Is.EqualTo(SurplusPolicyKind.Predictive));
            Assert.That(options.Policy.Headroom, Is.EqualTo(new ResourceVector(1, 512L << 20, 0, 0)));
            Assert.That(options.ProbeInterval, Is.EqualTo(TimeSpan.FromMilliseconds(500)));
            Assert.That(options.Policy.HoldTime, Is.EqualTo(TimeSpan.FromMinutes(2)));
            Assert.That(options.Policy.ForecastHorizon, Is.EqualTo(TimeSpan.FromMinutes(30)));
            Assert.That(options.ControlSocketPath, Is.EqualTo(Path.Combine(_work.FullName, "c.sock")));
            Assert.That(options.RerunBenchmark, Is.True);
            Assert.That(options.Earmark.ReservedOf(new ResourceVector(4, 8L << 30, 1000, 0)), Is.EqualTo(new ResourceVector(1, 1L << 30, 250, 0)));
        });
        var monitor = options.CreateMonitorOptions();
        Assert.That(monitor.Interval, Is.EqualTo(TimeSpan.FromMilliseconds(500)));
        Assert.That(monitor.DataDir, Is.EqualTo(DataDir));
        Assert.That(monitor.Policy.Kind, Is.EqualTo(SurplusPolicyKind.Predictive));
        Assert.That(monitor.RerunBenchmark, Is.True);
    }

    [Test]
    public void Build_SameSettingEverywhere_FlagWinsThenEnvironmentThenConfig()
    {
        WriteConfig(DataDir, """{ "name": "from-config", "reserve": "cpu=3", "policy": "dynamic", "peer": ["/ip4/10.0.0.1/tcp/4001/p2p/12D3KooWDpJ7As7BWAwRMfu1VU2WCqNjvq387JEYKDBj4kx6nXTN"] }""");
        _environment["MESH_NAME"] = "from-env";
        _environment["MESH_RESERVE"] = "cpu=2";

        var options = Build(("name", "from-flag"));

        Assert.Multiple(() =>
        {
            Assert.That(options.Name, Is.EqualTo("from-flag"));
            Assert.That(options.Reserve.Cpu, Is.EqualTo(2));
            Assert.That(options.Policy.Kind, Is.EqualTo(SurplusPolicyKind.Dynamic));
            Assert.That(options.Peers, Has.Count.EqualTo(1));
            Assert.That(options.ConfigFile, Is.EqualTo(Path.Combine(DataDir, "mesh-node.json")));
        });
    }

    [Test]
    public void Build_EnvironmentList_SplitsOnCommasAndSpaces()
    {
        _environment["MESH_LISTEN"] = "/ip4/127.0.0.1/tcp/0, /ip6/::1/tcp/0";
        _environment["MESH_NO_MDNS"] = "yes";
        var options = Build();
        Assert.That(options.Listen, Has.Count.EqualTo(2));
        Assert.That(options.NoMdns, Is.True);
    }

    [Test]
    public void Build_ExplicitConfigFile_IsRead()
    {
        var file = Path.Combine(_work.FullName, "elsewhere.json");
        File.WriteAllText(file, """
            // comments and trailing commas are allowed
            { "capacity": "cpu=2", "noMdns": true, "probe_interval": 5, }
            """);
        var options = Build(("config", file));
        Assert.That(options.CapacityOverride.Cpu, Is.EqualTo(2));
        Assert.That(options.NoMdns, Is.True);
        Assert.That(options.ProbeInterval, Is.EqualTo(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public void Build_BadEnvironmentValue_NamesOptionAndVariable()
    {
        _environment["MESH_RESERVE"] = "mem=1XB";
        Assert.That(() => Build(), Throws.InstanceOf<OptionsException>().With.Message.EqualTo(
            "--reserve (from MESH_RESERVE): mem=1XB: unknown size unit 'XB' (use B, KB, MB, GB, TB, KiB, MiB, GiB, TiB)"));
    }

    [Test]
    public void Build_BadFlag_NamesTheFlag() =>
        Assert.That(() => Build(("capacity", "cpu=lots")), Throws.InstanceOf<OptionsException>().With.Message.StartsWith("--capacity: cpu=lots: 'lots' is not a number of cores"));

    [Test]
    public void Build_BadConfigValue_NamesOptionAndFile()
    {
        var path = WriteConfig(DataDir, """{ "share": "cpu=175%" }""");
        Assert.That(() => Build(), Throws.InstanceOf<OptionsException>().With.Message.StartsWith($"--share (from {path}): cpu=175%"));
    }

    [Test]
    public void Build_BadPeerFromEnvironment_ValidationSaysWhereItCameFrom()
    {
        _environment["MESH_PEER"] = "/ip4/127.0.0.1/tcp/4001";
        Assert.That(() => Build(), Throws.InstanceOf<OptionsException>().With.Message.StartsWith("--peer (from MESH_PEER): '/ip4/127.0.0.1/tcp/4001' must end in /p2p/"));
    }

    [TestCase("""{ "colour": "blue" }""", "unknown setting 'colour'")]
    [TestCase("""{ "name": ["a"] }""", "--name (from")]
    [TestCase("""{ not json""", "is not valid JSON")]
    [TestCase("""[1, 2]""", "must hold a JSON object")]
    public void Build_BrokenConfigFile_OneLineNamingIt(string content, string expected)
    {
        var path = WriteConfig(DataDir, content);
        Assert.That(() => Build(), Throws.InstanceOf<OptionsException>().With.Message.Contains(expected).And.Message.Contains(path));
    }

    [Test]
    public void Build_MissingExplicitConfig_Fails() =>
        Assert.That(() => Build(("config", "/nonexistent/mesh.json")), Throws.InstanceOf<OptionsException>().With.Message.StartsWith("--config: '/nonexistent/mesh.json' does not exist"));

    [Test]
    public void Build_SameResourceReservedAndShared_FailsNamingBoth()
    {
        _environment["MESH_SHARE"] = "cpu=50%";
        Assert.That(() => Build(("reserve", "cpu=1")), Throws.InstanceOf<OptionsException>().With.Message.EqualTo(
            "--share (from MESH_SHARE): cpu is also given in --reserve; give each resource in --reserve or --share, not both"));
    }

    [Test]
    public void Build_ReserveAndShareOfDifferentResources_IsFine()
    {
        var options = Build(("reserve", "cpu=1"), ("share", "mem=50%"));
        Assert.That(options.Earmark.ToString(), Is.EqualTo("reserve cpu=1; share mem=50%"));
    }

    [Test]
    public void Build_ControlSocketPathTooLong_SaysItMustFitIn107Bytes()
    {
        var path = "/tmp/" + new string('s', 110) + ".sock";
        Assert.That(() => Build(("control", "unix:" + path)), Throws.InstanceOf<OptionsException>()
            .With.Message.StartsWith("--control: the socket path").And.Message.Contains("must fit in 107 bytes"));
    }

    [Test]
    public void Build_DefaultControlSocketTooLong_SaysItIsTheDefault()
    {
        var deep = Path.Combine(_work.FullName, new string('d', 100));
        Assert.That(() => Build(("data-dir", deep)), Throws.InstanceOf<OptionsException>()
            .With.Message.StartsWith("--control (default DATA_DIR/control.sock): the socket path"));
    }

    [TestCase("control", "tcp:127.0.0.1:1", "--control: 'tcp:127.0.0.1:1' is not unix:PATH")]
    [TestCase("policy", "greedy", "--policy: 'greedy' is not a policy (use static, dynamic or predictive)")]
    [TestCase("name", "my host", "--name: 'my host' is not a name")]
    [TestCase("probe-interval", "fast", "--probe-interval: 'fast' is not a duration")]
    [TestCase("probe-interval", "10ms", "--probe-interval: must be between 100ms and 1h")]
    [TestCase("headroom", "disk=1GB", "--headroom: headroom applies to cpu and mem only")]
    [TestCase("no-mdns", "maybe", "--no-mdns: 'maybe' is not true or false")]
    [TestCase("listen", "nonsense", "--listen: 'nonsense' is not a multiaddr")]
    public void Build_BadValue_OneLineNamingTheFlag(string flag, string value, string expected) =>
        Assert.That(() => Build((flag, value)), Throws.InstanceOf<OptionsException>().With.Message.StartsWith(expected));

    [Test]
    public async Task NodeCommand_Flags_ReachTheRunnerAsOptions()
    {
        NodeOptions? seen = null;
        var command = NodeCommand.Create((options, _) => { seen = options; return Task.FromResult(0); }, Environment);

        var exit = await command.Parse(["--data-dir", DataDir, "--name", "n1", "--reserve", "cpu=1", "--no-mdns", "--listen", "/ip4/127.0.0.1/tcp/0"]).InvokeAsync();

        Assert.That(exit, Is.Zero);
        Assert.That(seen!.Name, Is.EqualTo("n1"));
        Assert.That(seen.NoMdns, Is.True);
        Assert.That(seen.Reserve.Cpu, Is.EqualTo(1));
        Assert.That(seen.Listen, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task NodeCommand_AbsentFlag_LeavesTheEnvironmentInForce()
    {
        NodeOptions? seen = null;
        _environment["MESH_NO_MDNS"] = "true";
        _environment["MESH_NAME"] = "env-name";
        var command = NodeCommand.Create((options, _) => { seen = options; return Task.FromResult(0); }, Environment);

        Assert.That(await command.Parse(["--data-dir", DataDir]).InvokeAsync(), Is.Zero);
        Assert.That(seen!.NoMdns, Is.True);
        Assert.That(seen.Name, Is.EqualTo("env-name"));
    }

    [Test]
    public async Task NodeCommand_BadValue_ExitsWithUsageErrorWithoutRunning()
    {
        var ran = false;
        var command = NodeCommand.Create((_, _) => { ran = true; return Task.FromResult(0); }, Environment);
        var exit = await command.Parse(["--data-dir", DataDir, "--reserve", "mem=1XB"]).InvokeAsync();
        Assert.That(exit, Is.EqualTo(NodeRunner.UsageError));
        Assert.That(ran, Is.False);
    }

    private NodeOptions Build(params (string Name, string Value)[] flags)
    {
        var all = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (flags.All(flag => flag.Name != "data-dir"))
        {
            all["data-dir"] = [DataDir];
        }

        foreach (var (name, value) in flags)
        {
            all[name] = [value];
        }

        return NodeOptionsBuilder.Build(all, Environment);
    }

    private string? Environment(string name) => _environment.GetValueOrDefault(name);

    private static string WriteConfig(string dataDir, string json)
    {
        Directory.CreateDirectory(dataDir);
        var path = Path.Combine(dataDir, "mesh-node.json");
        File.WriteAllText(path, json);
        return path;
    }
}
