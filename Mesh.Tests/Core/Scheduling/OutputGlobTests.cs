using Mesh.Core.Scheduling;

namespace Mesh.Tests.Core.Scheduling;

/// <summary>Output globs: <c>*</c>, <c>?</c> within a segment, <c>**</c> across segments.</summary>
[TestFixture]
public sealed class OutputGlobTests
{
    [TestCase("out.txt", "out.txt", true)]
    [TestCase("*.txt", "a.txt", true)]
    [TestCase("*.txt", "dir/a.txt", false)]
    [TestCase("dir/*.txt", "dir/a.txt", true)]
    [TestCase("**/*.txt", "a.txt", true)]
    [TestCase("**/*.txt", "x/y/a.txt", true)]
    [TestCase("**", "x/y/a.bin", true)]
    [TestCase("r?.dat", "r1.dat", true)]
    [TestCase("r?.dat", "r10.dat", false)]
    [TestCase("*.txt", "a.txt.bak", false)]
    [TestCase("a/**/b", "a/b", true)]
    [TestCase("a/**/b", "a/x/y/b", true)]
    [TestCase("a/**/b", "b", false)]
    public void IsMatch_Cases(string glob, string path, bool expected) =>
        Assert.That(OutputGlob.IsMatch(glob, path), Is.EqualTo(expected));
}
