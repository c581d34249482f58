using Mesh.Core.Resources;

namespace Mesh.Tests.Core.Resources;

[TestFixture]
public sealed class ResourceShareTests
{
    [Test]
    public void TryParse_Percentages_SetsGivenKeys()
    {
        Assert.That(ResourceShare.TryParse("cpu=75%,mem=50%", out var share, out var error), Is.True, error);
        Assert.That(share, Is.EqualTo(new ResourceShare(75, 50)));
        Assert.That(share.ToString(), Is.EqualTo("cpu=75%,mem=50%"));
    }

    [TestCase("cpu=75", "cpu=75: '75' is not a percentage from 0% to 100%")]
    [TestCase("cpu=150%", "cpu=150%: '150%' is not a percentage")]
    [TestCase("mem=-5%", "mem=-5%: '-5%' is not a percentage")]
    [TestCase("net=10%", "net=10%: unknown resource 'net'")]
    public void TryParse_BadShare_NamesTheBadPart(string text, string expected)
    {
        Assert.That(ResourceShare.TryParse(text, out _, out var error), Is.False);
        Assert.That(error, Does.StartWith(expected));
    }
}
