namespace Mesh.Tests.Cli.Tasks;

/// <summary>Every task option reaches the request as the contract wants it; every bad value is a usage error naming its option.</summary>
[TestFixture]
[CancelAfter(10_000)]
public sealed class TaskOptionsTests
{
    private TaskCliHarness _cli = null!;

    [SetUp]
    public void Start() => _cli = new TaskCliHarness();

    [TearDown]
    public async Task Stop() => await _cli.DisposeAsync();

    [Test]
    public async Task Submit_NoOptions_DefaultsLeftToTheNode()
    {
        var exitCode = await _cli.RunAsync("submit", "--", "true");

        var request = _cli.LastRequest;
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, _cli.Stderr);
            Assert.That(request.Argv, Is.EqualTo(new[] { "true" }));
            Assert.That(request.Env, Is.Empty);
            Assert.That(request.Cpu, Is.Null);
            Assert.That(request.Memory, Is.Null);
            Assert.That(request.Disk, Is.Null);
            Assert.That(request.Gpu, Is.Null);
            Assert.That(request.TimeoutSeconds, Is.Null);
            Assert.That(request.Retries, Is.Null);
            Assert.That(request.Placement, Is.EqualTo("any"));
            Assert.That(request.Peer, Is.Null);
            Assert.That(request.Array, Is.Null);
            Assert.That(request.Inputs, Is.Empty);
            Assert.That(request.Outputs, Is.Empty);
            Assert.That(request.OutputDir, Is.Null);
        });
    }

    [Test]
    public async Task Submit_ResourceOptions_ParsedIntoTheRequest()
    {
        var exitCode = await _cli.RunAsync(
            "submit", "--cpu", "2.5", "--mem", "1.5GiB", "--disk", "10GB", "--gpu", "1", "--timeout", "1h30m", "--retries", "4", "--", "x");

        var request = _cli.LastRequest;
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, _cli.Stderr);
            Assert.That(request.Cpu, Is.EqualTo(2.5));
            Assert.That(request.Memory, Is.EqualTo(1536L * 1024 * 1024));
            Assert.That(request.Disk, Is.EqualTo(10_000_000_000L));
            Assert.That(request.Gpu, Is.EqualTo(1));
            Assert.That(request.TimeoutSeconds, Is.EqualTo(5400));
            Assert.That(request.Retries, Is.EqualTo(4));
        });
    }

    [TestCase("--on", "bravo", "peer", "bravo")]
    [TestCase("--remote-only", null, "remote", null)]
    [TestCase("--local", null, "local", null)]
    public async Task Submit_PlacementOption_SetsPlacement(string option, string? value, string placement, string? peer)
    {
        string[] args = value is null ? ["submit", option, "--", "x"] : ["submit", option, value, "--", "x"];

        var exitCode = await _cli.RunAsync(args);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, _cli.Stderr);
            Assert.That(_cli.LastRequest.Placement, Is.EqualTo(placement));
            Assert.That(_cli.LastRequest.Peer, Is.EqualTo(peer));
        });
    }

    [Test]
    public async Task Submit_OnWithRemoteOnly_PeerPlacement()
    {
        var exitCode = await _cli.RunAsync("submit", "--remote-only", "--on", "bravo", "--", "x");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, _cli.Stderr);
            Assert.That(_cli.LastRequest.Placement, Is.EqualTo("peer"));
        });
    }

    [TestCase("--on", "bravo")]
    [TestCase("--remote-only", null)]
    public async Task Submit_LocalWithRemotePlacement_UsageError(string option, string? value)
    {
        string[] args = value is null ? ["submit", "--local", option, "--", "x"] : ["submit", "--local", option, value, "--", "x"];

        var exitCode = await _cli.RunAsync(args);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(_cli.Stderr, Does.StartWith("mesh: --local cannot be combined with --on or --remote-only\n"));
            Assert.That(_cli.Tasks.Submitted, Is.Empty);
        });
    }

    [TestCase("--cpu", "0")]
    [TestCase("--cpu", "-1")]
    [TestCase("--cpu", "two")]
    [TestCase("--mem", "8XB")]
    [TestCase("--mem", "lots")]
    [TestCase("--mem", "0")]
    [TestCase("--disk", "1PB")]
    [TestCase("--gpu", "-1")]
    [TestCase("--gpu", "1.5")]
    [TestCase("--timeout", "1h30")]
    [TestCase("--timeout", "30m1h")]
    [TestCase("--timeout", "0s")]
    [TestCase("--timeout", "soon")]
    [TestCase("--retries", "x")]
    [TestCase("--array", "10-1")]
    [TestCase("--array", "1-5,3")]
    [TestCase("--env", "NOEQUALS")]
    [TestCase("--env", "1BAD=x")]
    [TestCase("--env", "=x")]
    [TestCase("--env-pass", "UNSET_VARIABLE")]
    [TestCase("--env-pass", "BAD-NAME")]
    [TestCase("--input", "missing.txt")]
    public async Task Submit_BadValue_UsageErrorNamingTheOption(string option, string value)
    {
        var exitCode = await _cli.RunAsync("submit", option, value, "--", "x");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(_cli.Stderr, Does.StartWith($"mesh: {option}: "));
            Assert.That(_cli.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(2), _cli.Stderr);
            Assert.That(_cli.Tasks.Submitted, Is.Empty);
        });
    }

    [Test]
    public async Task Submit_MissingInput_ErrorNamesTheFile()
    {
        var exitCode = await _cli.RunAsync("submit", "--input", "data/missing.csv", "--", "x");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(_cli.Stderr, Does.StartWith("mesh: --input: no such file: data/missing.csv\n"));
        });
    }

    [Test]
    public async Task Submit_Inputs_ResolvedToAbsolutePathsAgainstTheWorkingDirectory()
    {
        Directory.CreateDirectory(Path.Combine(_cli.WorkingDirectory, "data"));
        await File.WriteAllTextAsync(Path.Combine(_cli.WorkingDirectory, "data", "a.csv"), "1");
        var absolute = Path.Combine(_cli.WorkingDirectory, "b.bin");
        await File.WriteAllTextAsync(absolute, "2");

        var exitCode = await _cli.RunAsync("submit", "--input", "data/a.csv", "--input", absolute, "--", "x");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, _cli.Stderr);
            Assert.That(_cli.LastRequest.Inputs, Is.EqualTo(new[] { Path.Combine(_cli.WorkingDirectory, "data", "a.csv"), absolute }));
        });
    }

    [Test]
    public async Task Submit_Outputs_GlobsAndTheWorkingDirectory()
    {
        var exitCode = await _cli.RunAsync("submit", "--output", "*.png", "--output", "out/**", "--", "x");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, _cli.Stderr);
            Assert.That(_cli.LastRequest.Outputs, Is.EqualTo(new[] { "*.png", "out/**" }));
            Assert.That(_cli.LastRequest.OutputDir, Is.EqualTo(_cli.WorkingDirectory));
        });
    }

    [Test]
    public async Task Submit_EnvAndEnvPass_OnlyThoseVariables()
    {
        _cli.Environment["HOME_REGION"] = "eu west";
        _cli.Environment["SECRET"] = "not passed";

        var exitCode = await _cli.RunAsync("submit", "--env", "A=1", "--env", "EQ=x=y", "--env", "EMPTY=", "--env-pass", "HOME_REGION", "--", "x");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, _cli.Stderr);
            Assert.That(_cli.LastRequest.Env, Is.EquivalentTo(new Dictionary<string, string>
            {
                ["A"] = "1",
                ["EQ"] = "x=y",
                ["EMPTY"] = "",
                ["HOME_REGION"] = "eu west",
            }));
        });
    }

    [Test]
    public async Task Submit_EnvOverEnvPass_ExplicitValueWins()
    {
        _cli.Environment["MODE"] = "inherited";

        await _cli.RunAsync("submit", "--env", "MODE=explicit", "--env-pass", "MODE", "--", "x");

        Assert.That(_cli.LastRequest.Env["MODE"], Is.EqualTo("explicit"));
    }

    [Test]
    public async Task Submit_Array_SentAsWritten()
    {
        var exitCode = await _cli.RunAsync("submit", "--array", "1-10:2", "--", "echo", "{}");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, _cli.Stderr);
            Assert.That(_cli.LastRequest.Array, Is.EqualTo("1-10:2"));
            Assert.That(_cli.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(5));
        });
    }

    [Test]
    public async Task Run_ArrayOption_NotOffered()
    {
        var exitCode = await _cli.RunAsync("run", "--array", "1-3", "--", "x");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(_cli.Tasks.Submitted, Is.Empty);
        });
    }

    [Test]
    public async Task Run_HelpText_SaysTheEnvironmentIsNotInherited()
    {
        await _cli.RunAsync("run", "--help");

        Assert.That(_cli.Stdout, Does.Contain("The task gets ONLY these"));
    }
}
