using Mesh.Core.Scheduling;

namespace Mesh.Tests.Core.Scheduling;

/// <summary>Option checks name the option at fault.</summary>
[TestFixture]
public sealed class TaskServiceOptionsTests
{
    [Test]
    public void Validate_Defaults_WithCacheDir_Pass() =>
        Assert.That(() => new TaskServiceOptions { CacheDirectory = "/tmp/cache" }.Validate(), Throws.Nothing);

    [Test]
    public void Validate_RelativeCacheDir_Throws() =>
        Assert.That(() => new TaskServiceOptions { CacheDirectory = "cache" }.Validate(), Throws.ArgumentException.With.Message.Contains("CacheDirectory"));

    [Test]
    public void Validate_RenewNotShorterThanLease_Throws() =>
        Assert.That(
            () => new TaskServiceOptions { CacheDirectory = "/c", LeaseRenewInterval = TimeSpan.FromSeconds(30) }.Validate(),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("LeaseRenewInterval"));

    [Test]
    public void Validate_ZeroConcurrentTasks_Throws() =>
        Assert.That(
            () => new TaskServiceOptions { CacheDirectory = "/c", MaxConcurrentTasks = 0 }.Validate(),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("MaxConcurrentTasks"));

    [Test]
    public void Validate_HugeBatch_Throws() =>
        Assert.That(
            () => new TaskServiceOptions { CacheDirectory = "/c", OutputBatchBytes = 1 << 20 }.Validate(),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("OutputBatchBytes"));
}
