using Mesh.Tests.Fuzz.Targets;

namespace Mesh.Tests.Fuzz;

/// <summary>
/// Runs every saved fuzz input (seed corpora and crash reproducers) through its decoder in-process, without AFL:
/// the same target code the fuzzer runs, so a crash AFL found stays fixed once its input is saved under fuzz/regressions.
/// </summary>
public sealed class FuzzCorpusTests
{
    private static IEnumerable<TestCaseData> SavedInputs() =>
        FuzzInputFiles.All().Select(input => new TestCaseData(input.Target, input.RelativePath).SetArgDisplayNames(input.RelativePath));

    [TestCaseSource(nameof(SavedInputs))]
    public void FuzzTarget_SavedInput_DecodesWithoutUnexpectedException(string target, string relativePath)
    {
        var fuzzTarget = FuzzTargets.Find(target);
        Assert.That(fuzzTarget, Is.Not.Null, $"fuzz/{relativePath} is in a folder that names no target (Mesh.Fuzz --list)");
        var input = File.ReadAllBytes(Path.Combine(FuzzInputFiles.FuzzDirectory, relativePath));

        Assert.That(() => fuzzTarget!.Run(input), Throws.Nothing, $"input (hex): {Convert.ToHexStringLower(input)}");
    }

    [Test]
    public void Corpus_EveryTarget_HasSeeds()
    {
        var targets = FuzzTargets.All.Select(t => t.Name).Order(StringComparer.Ordinal);

        Assert.That(FuzzInputFiles.CorpusTargets, Is.EqualTo(targets));
    }

    [Test]
    public void Targets_Names_AreUniqueAndUsableAsFolderNames()
    {
        var names = FuzzTargets.All.Select(t => t.Name).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(names, Is.Unique);
            Assert.That(names, Has.All.Matches<string>(n => n.Length > 0 && n.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c))));
        });
    }

    [Test]
    public void Targets_GarbageInputs_DecodeWithoutUnexpectedException()
    {
        // A fixed seed: the same inputs every run. AFL explores far more; this keeps a floor without it.
        var random = new Random(7);
        foreach (var target in FuzzTargets.All)
        {
            for (var i = 0; i < 200; i++)
            {
                var input = new byte[random.Next(0, 256)];
                random.NextBytes(input);
                Assert.That(() => target.Run(input), Throws.Nothing, $"{target.Name}, input (hex): {Convert.ToHexStringLower(input)}");
            }
        }
    }
}
