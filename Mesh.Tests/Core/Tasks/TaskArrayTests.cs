using Mesh.Core.Tasks;

namespace Mesh.Tests.Core.Tasks;

[TestFixture]
public sealed class TaskArrayTests
{
    [Test]
    public void Expand_SubstitutesArgvEnvironmentValuesAndOutputs()
    {
        var template = new TaskSpec
        {
            Argv = ["render", "--frame", "{}", "out-{}.png"],
            Environment = new Dictionary<string, string> { ["FRAME"] = "{}", ["MODE"] = "fast", ["X{}"] = "name kept" },
            Outputs = ["out-{}.png"],
            Inputs = [new TaskInputFile("scene-{}.blend", new string('a', 64), 10)],
        };
        Assert.That(ArrayRange.TryParse("3,7", out var range, out _), Is.True);

        var specs = TaskArray.Expand(template, range!);

        Assert.That(specs, Has.Count.EqualTo(2));
        Assert.That(specs[1].Argv, Is.EqualTo(new[] { "render", "--frame", "7", "out-7.png" }));
        Assert.That(specs[1].Environment["FRAME"], Is.EqualTo("7"));
        Assert.That(specs[1].Environment["MODE"], Is.EqualTo("fast"));
        Assert.That(specs[1].Environment.ContainsKey("X{}"), Is.True, "names are not substituted");
        Assert.That(specs[1].Outputs, Is.EqualTo(new[] { "out-7.png" }));
        Assert.That(specs[1].Inputs[0].Name, Is.EqualTo("scene-{}.blend"), "inputs are content-addressed files, not substituted");
        Assert.That(specs[0].ArrayIndex, Is.EqualTo(3));
        Assert.That(specs[1].ArrayIndex, Is.EqualTo(7));
        Assert.That(template.Argv[2], Is.EqualTo("{}"), "the template is unchanged");
    }

    [Test]
    public void Expand_NoPlaceholder_SharesTheTemplateLists()
    {
        var template = new TaskSpec { Argv = ["true"] };
        Assert.That(ArrayRange.TryParse("1-100", out var range, out _), Is.True);

        var specs = TaskArray.Expand(template, range!);

        Assert.That(specs, Has.Count.EqualTo(100));
        Assert.That(specs[99].Argv, Is.SameAs(template.Argv));
        Assert.That(specs.Select(spec => spec.ArrayIndex), Is.EqualTo(Enumerable.Range(1, 100).Select(i => (long?)i)));
    }
}
