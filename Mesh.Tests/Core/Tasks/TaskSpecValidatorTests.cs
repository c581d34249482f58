using Mesh.Core.Resources;
using Mesh.Core.Tasks;
using Mesh.Libp2p.Identity;

namespace Mesh.Tests.Core.Tasks;

[TestFixture]
public sealed class TaskSpecValidatorTests
{
    private static readonly string Hash = new('0', 64);

    [Test]
    public void Validate_GoodSpec_HasNoErrors()
    {
        var spec = new TaskSpec
        {
            Argv = ["python3", "train.py", "--epochs", "3"],
            Environment = new Dictionary<string, string> { ["PATH"] = "/usr/bin", ["_X1"] = "" },
            Inputs = [new TaskInputFile("data/train.csv", Hash, 1234), new TaskInputFile("train.py", Hash, 10)],
            Outputs = ["model/*.pt", "log.txt"],
            Resources = new ResourceVector(2, 4L << 30, 0, 1),
            Timeout = TimeSpan.FromHours(1),
            MaxRetries = 3,
            Placement = new TaskPlacement(PlacementKind.OnPeer, IdentityKey.Generate().PeerId.ToString(), new TaskRequirements(16L << 30, "H100", 1.5)),
        };
        Assert.That(TaskSpecValidator.Validate(spec, TaskSpecLimits.Default), Is.Empty);
    }

    [TestCaseSource(nameof(BadSpecs))]
    public void Validate_BadSpec_SaysWhyInOneLine(TaskSpec spec, string expected)
    {
        var errors = TaskSpecValidator.Validate(spec, TaskSpecLimits.Default);
        Assert.That(errors, Has.Some.EqualTo(expected), string.Join(" | ", errors));
        Assert.That(errors, Has.All.Not.Contain("\n"));
    }

    private static IEnumerable<TestCaseData> BadSpecs()
    {
        var ok = new TaskSpec { Argv = ["true"] };
        yield return Case(ok with { Argv = [] }, "argv is empty: give a command after --");
        yield return Case(ok with { Argv = [""] }, "argv[0] is empty: the command may not be an empty string");
        yield return Case(ok with { Argv = ["echo", "a\0b"] }, "argv[1] contains a NUL character, which a command line cannot carry");
        yield return Case(ok with { Argv = ["echo", new string('x', 200_000)] }, "argv is 200004 bytes; the most is 131072");
        yield return Case(Input("a/../b"), "input 'a/../b': a path may not contain ..");
        yield return Case(Input("/etc/passwd"), "input '/etc/passwd': a path must be relative to the working directory");
        yield return Case(Input("~/x"), "input '~/x': a path must be relative to the working directory");
        yield return Case(Input("a\0b"), "input 'a\\x00b': a path may not contain a NUL character");
        yield return Case(Input(""), "input '': a path may not be empty");
        yield return Case(Input("a//b"), "input 'a//b': a path may not contain an empty segment (// or a trailing /)");
        yield return Case(Input("./a"), "input './a': a path may not contain . segments");
        yield return Case(Input("a\\b"), "input 'a\\b': a path may not contain a backslash (use /)");
        yield return Case(ok with { Inputs = [new("a", Hash, 1), new("a", Hash, 1)] }, "input 'a' is given twice");
        yield return Case(ok with { Inputs = [new("a", "ABC", 1)] }, "input 'a': sha256 must be 64 lowercase hex characters");
        yield return Case(ok with { Inputs = [new("a", Hash, -1)] }, "input 'a': size -1 is negative");
        yield return Case(ok with { Outputs = ["../*.txt"] }, "output '../*.txt': a path may not contain ..");
        yield return Case(ok with { Outputs = ["/tmp/*"] }, "output '/tmp/*': a path must be relative to the working directory");
        yield return Case(Env("1X", "v"), "environment name '1X': use letters, digits and _, not starting with a digit");
        yield return Case(Env("A=B", "v"), "environment name 'A=B': use letters, digits and _, not starting with a digit");
        yield return Case(Env("A", "x\0y"), "environment value of A contains a NUL character");
        yield return Case(ok with { Resources = new ResourceVector(-1, 0, 0, 0) }, "cpu request -1 must be a number of cores of at least 0");
        yield return Case(ok with { Resources = new ResourceVector(double.NaN, 0, 0, 0) }, "cpu request NaN must be a number of cores of at least 0");
        yield return Case(ok with { Resources = new ResourceVector(0, -5, 0, 0) }, "memory request -5 is negative");
        yield return Case(ok with { Resources = new ResourceVector(0, 0, 0, -1) }, "gpu request -1 is negative");
        yield return Case(ok with { Timeout = TimeSpan.Zero }, "timeout 00:00:00 must be more than 0 and at most 7.00:00:00");
        yield return Case(ok with { MaxRetries = 11 }, "retries 11 must be from 0 to 10");
        yield return Case(ok with { MaxRetries = -1 }, "retries -1 must be from 0 to 10");
        yield return Case(ok with { Placement = new TaskPlacement(PlacementKind.OnPeer, "not-a-peer") }, "--on 'not-a-peer' is not a peer id");
        yield return Case(ok with { Placement = new TaskPlacement(PlacementKind.OnPeer) }, "--on '' is not a peer id");
        yield return Case(ok with { Placement = new TaskPlacement(PlacementKind.LocalOnly, "12D3KooW") }, "a peer is named but the placement is not 'on a peer'");
        yield return Case(ok with { Placement = new TaskPlacement((PlacementKind)9) }, "placement 9 is unknown");
        yield return Case(ok with { Placement = new TaskPlacement(Requirements: new TaskRequirements(-1)) }, "required gpu memory -1 is negative");
        yield return Case(ok with { Placement = new TaskPlacement(Requirements: new TaskRequirements(GpuModel: "")) }, "required gpu model must be a non-empty name");
    }

    [Test]
    public void Validate_SeveralProblems_ReportsEveryOne()
    {
        var spec = new TaskSpec { Argv = [], Outputs = ["/x"], MaxRetries = -1 };
        Assert.That(TaskSpecValidator.Validate(spec, TaskSpecLimits.Default), Has.Count.EqualTo(3));
    }

    [Test]
    public void Validate_LimitsOptions_AreHonoured()
    {
        var limits = new TaskSpecLimits { MaxArgs = 2, MaxEnvironmentEntries = 1, MaxInputs = 1, MaxOutputs = 1, MaxPathBytes = 4 };
        var spec = new TaskSpec
        {
            Argv = ["a", "b", "c"],
            Environment = new Dictionary<string, string> { ["A"] = "", ["B"] = "" },
            Inputs = [new TaskInputFile("a", Hash, 1), new TaskInputFile("b", Hash, 1)],
            Outputs = ["x", "toolong"],
        };

        var errors = TaskSpecValidator.Validate(spec, limits);

        Assert.That(errors, Does.Contain("argv has 3 elements; the most is 2"));
        Assert.That(errors, Does.Contain("the environment has 2 entries; the most is 1"));
        Assert.That(errors, Does.Contain("2 input files; the most is 1"));
        Assert.That(errors, Does.Contain("2 output globs; the most is 1"));
        Assert.That(errors, Does.Contain("output 'toolong': a path may be at most 4 bytes"));
    }

    [Test]
    public void Limits_Validate_NamesTheBadOption()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new TaskSpecLimits { MaxInputs = 0 }.Validate());
        Assert.That(error!.ParamName, Is.EqualTo("MaxInputs"));
        Assert.DoesNotThrow(() => TaskSpecLimits.Default.Validate());
    }

    private static TaskSpec Input(string name) => new() { Argv = ["true"], Inputs = [new TaskInputFile(name, Hash, 1)] };

    private static TaskSpec Env(string name, string value) => new() { Argv = ["true"], Environment = new Dictionary<string, string> { [name] = value } };

    private static TestCaseData Case(TaskSpec spec, string expected) => new TestCaseData(spec, expected).SetArgDisplayNames(expected);
}
