using Mesh.Core.Remote.Guests;

namespace Mesh.Tests.Core.Remote.Guests;

public sealed class GuestTaskHostOptionsTests
{
    [Test]
    public void Validate_Defaults_WithAbsoluteWorkDirectory_Pass()
    {
        var options = new GuestTaskHostOptions { WorkDirectory = "/var/lib/mesh/guests" };

        Assert.That(options.Validate, Throws.Nothing);
        Assert.That(options.MaxOutputFiles, Is.EqualTo(1000));
        Assert.That(options.ResultAckTimeout, Is.EqualTo(TimeSpan.FromSeconds(30)));
        Assert.That(options.MaxInputBytes, Is.EqualTo(4L << 30));
    }

    [TestCase("")]
    [TestCase("relative/dir")]
    public void Validate_WorkDirectoryNotAbsolute_ThrowsNamingIt(string directory)
    {
        var options = new GuestTaskHostOptions { WorkDirectory = directory };

        Assert.That(options.Validate, Throws.ArgumentException.With.Message.Contains(nameof(GuestTaskHostOptions.WorkDirectory)));
    }

    [Test]
    public void Validate_MaxBackoffBelowMin_ThrowsNamingIt()
    {
        var options = new GuestTaskHostOptions { WorkDirectory = "/w", RedeliveryMinBackoff = TimeSpan.FromSeconds(5), RedeliveryMaxBackoff = TimeSpan.FromSeconds(1) };

        Assert.That(options.Validate, Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains(nameof(GuestTaskHostOptions.RedeliveryMaxBackoff)));
    }

    [Test]
    public void Validate_ZeroAckTimeout_ThrowsNamingIt()
    {
        var options = new GuestTaskHostOptions { WorkDirectory = "/w", ResultAckTimeout = TimeSpan.Zero };

        Assert.That(options.Validate, Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains(nameof(GuestTaskHostOptions.ResultAckTimeout)));
    }
}
