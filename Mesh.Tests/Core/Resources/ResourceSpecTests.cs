using Mesh.Core.Resources;

namespace Mesh.Tests.Core.Resources;

[TestFixture]
public sealed class ResourceSpecTests
{
    [Test]
    public void TryParse_FullCapacity_SetsEveryKey()
    {
        Assert.That(ResourceSpec.TryParse("cpu=4,mem=8GiB,disk=1TB,gpu=0", out var spec, out var error), Is.True, error);
        Assert.That(spec, Is.EqualTo(new ResourceSpec(4, 8L << 30, 1_000_000_000_000L, 0)));
    }

    [Test]
    public void TryParse_Partial_OverridesOnlyGivenKeys()
    {
        var spec = ResourceSpec.Parse("mem=1.5GiB, cpu=0.5");
        var applied = spec.ApplyTo(new ResourceVector(8, 32L << 30, 500, 2));
        Assert.That(applied, Is.EqualTo(new ResourceVector(0.5, 3L << 29, 500, 2)));
    }

    [TestCase("mem=8XB", "mem=8XB: unknown size unit 'XB' (use B, KB, MB, GB, TB, KiB, MiB, GiB, TiB)")]
    [TestCase("cpu=4,ram=8GiB", "ram=8GiB: unknown resource 'ram' (use cpu, mem, disk, gpu)")]
    [TestCase("cpu=four", "cpu=four: 'four' is not a number of cores")]
    [TestCase("cpu=-1", "cpu=-1: '-1' is not a number of cores")]
    [TestCase("gpu=1.5", "gpu=1.5: '1.5' is not a whole number of GPUs")]
    [TestCase("cpu=1,cpu=2", "cpu=2: cpu is given twice")]
    [TestCase("cpu", "'cpu' is not key=value")]
    [TestCase("", "empty")]
    [TestCase("cpu=1,,mem=1GiB", "'' is not key=value")]
    public void TryParse_BadSpec_NamesTheBadPart(string text, string expected)
    {
        Assert.That(ResourceSpec.TryParse(text, out var spec, out var error), Is.False);
        Assert.That(error, Does.StartWith(expected));
        Assert.That(spec.IsEmpty, Is.True);
    }

    [Test]
    public void ToString_RoundTrips()
    {
        var spec = new ResourceSpec(1.5, 1L << 30, 250_000_000_000L, 1);
        Assert.That(spec.ToString(), Is.EqualTo("cpu=1.5,mem=1GiB,disk=250GB,gpu=1"));
        Assert.That(ResourceSpec.Parse(spec.ToString()), Is.EqualTo(spec));
    }

    [Test]
    public void TryParse_RandomGarbage_NeverThrows()
    {
        var random = new Random(7);
        const string Alphabet = "cpumemdiskgpuory=,.%0123456789GgiBKT ";
        for (var i = 0; i < 20_000; i++)
        {
            var text = new string([.. Enumerable.Range(0, random.Next(0, 30)).Select(_ => Alphabet[random.Next(Alphabet.Length)])]);
            var ok = ResourceSpec.TryParse(text, out _, out var error);
            Assert.That(ok || !string.IsNullOrEmpty(error), Is.True, text);
            ok = ResourceShare.TryParse(text, out _, out error);
            Assert.That(ok || !string.IsNullOrEmpty(error), Is.True, text);
        }
    }
}
