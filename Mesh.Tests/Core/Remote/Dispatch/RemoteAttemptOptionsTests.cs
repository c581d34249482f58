using Mesh.Core.Remote.Dispatch;

namespace Mesh.Tests.Core.Remote.Dispatch;

public sealed class RemoteAttemptOptionsTests
{
    [Test]
    public void Validate_Defaults_Pass()
    {
        var options = new RemoteAttemptOptions();

        Assert.Multiple(() =>
        {
            Assert.That(options.Validate, Throws.Nothing);
            Assert.That(options.InitialCredit, Is.EqualTo(1 << 20));
            Assert.That(options.LeaseDuration, Is.EqualTo(TimeSpan.FromSeconds(30)));
            Assert.That(options.ResumeGrace, Is.EqualTo(TimeSpan.FromSeconds(2)));
            Assert.That(options.MaxOutputFileBytes, Is.EqualTo(4L << 30));
        });
    }

    [TestCase(nameof(RemoteAttemptOptions.InitialCredit))]
    [TestCase(nameof(RemoteAttemptOptions.LeaseDuration))]
    [TestCase(nameof(RemoteAttemptOptions.ResumeGrace))]
    [TestCase(nameof(RemoteAttemptOptions.CancelGrace))]
    [TestCase(nameof(RemoteAttemptOptions.OpenTimeout))]
    [TestCase(nameof(RemoteAttemptOptions.PeerSilenceTimeout))]
    [TestCase(nameof(RemoteAttemptOptions.MaxOutputFiles))]
    public void Validate_OptionOutOfRange_ThrowsNamingIt(string name)
    {
        var options = new RemoteAttemptOptions();
        switch (name)
        {
            case nameof(RemoteAttemptOptions.InitialCredit): options.InitialCredit = 0; break;
            case nameof(RemoteAttemptOptions.LeaseDuration): options.LeaseDuration = TimeSpan.Zero; break;
            case nameof(RemoteAttemptOptions.ResumeGrace): options.ResumeGrace = TimeSpan.Zero; break;
            case nameof(RemoteAttemptOptions.CancelGrace): options.CancelGrace = TimeSpan.FromSeconds(-1); break;
            case nameof(RemoteAttemptOptions.OpenTimeout): options.OpenTimeout = TimeSpan.Zero; break;
            case nameof(RemoteAttemptOptions.PeerSilenceTimeout): options.PeerSilenceTimeout = TimeSpan.FromSeconds(10); break;
            case nameof(RemoteAttemptOptions.MaxOutputFiles): options.MaxOutputFiles = -1; break;
        }

        Assert.That(options.Validate, Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property(nameof(ArgumentException.ParamName)).EqualTo(name));
    }
}
