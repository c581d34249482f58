using Mesh.Core.Probe;
using Mesh.Core.Resources;
using Microsoft.Extensions.Logging;
using Moq;

namespace Mesh.Tests.Core.Probe;

/// <summary>The test hook that reads the owner's simulated usage from a file.</summary>
[TestFixture]
public sealed class FileOwnerUsageSourceTests
{
    private DirectoryInfo _root = null!;

    [SetUp]
    public void CreateRoot() => _root = Directory.CreateTempSubdirectory("mesh-owner-");

    [TearDown]
    public void DeleteRoot() => _root.Delete(recursive: true);

    [Test]
    public async Task ReadOwnerUsageAsync_SpecInFile_ReportsIt()
    {
        var path = Path.Combine(_root.FullName, "owner");
        File.WriteAllText(path, "cpu=1.5,mem=1GiB\n");
        var source = new FileOwnerUsageSource(path, Mock.Of<ILogger>());

        var usage = await source.ReadOwnerUsageAsync();

        Assert.That(usage, Is.EqualTo(new ResourceVector(1.5, 1L << 30, 0, 0)));
    }

    [Test]
    public async Task ReadOwnerUsageAsync_FileChangesBetweenProbes_ReportsTheNewValue()
    {
        var path = Path.Combine(_root.FullName, "owner");
        var source = new FileOwnerUsageSource(path, Mock.Of<ILogger>());
        File.WriteAllText(path, "cpu=1");
        var first = await source.ReadOwnerUsageAsync();

        File.WriteAllText(path, "cpu=3,mem=2GiB");
        var second = await source.ReadOwnerUsageAsync();

        Assert.That(first.Cpu, Is.EqualTo(1));
        Assert.That(second, Is.EqualTo(new ResourceVector(3, 2L << 30, 0, 0)));
    }

    [Test]
    public async Task ReadOwnerUsageAsync_MissingFile_Zero()
    {
        var source = new FileOwnerUsageSource(Path.Combine(_root.FullName, "absent"), Mock.Of<ILogger>());

        var usage = await source.ReadOwnerUsageAsync();

        Assert.That(usage, Is.EqualTo(ResourceVector.Zero));
    }

    [Test]
    public async Task ReadOwnerUsageAsync_BadFile_ZeroAndWarnsOnce()
    {
        var path = Path.Combine(_root.FullName, "owner");
        File.WriteAllText(path, "cpu=lots");
        var logger = new Mock<ILogger>();
        logger.Setup(l => l.IsEnabled(It.IsAny<LogLevel>())).Returns(true);
        var source = new FileOwnerUsageSource(path, logger.Object);

        var first = await source.ReadOwnerUsageAsync();
        var second = await source.ReadOwnerUsageAsync();

        Assert.That(first, Is.EqualTo(ResourceVector.Zero));
        Assert.That(second, Is.EqualTo(ResourceVector.Zero));
        logger.Verify(
            l => l.Log(LogLevel.Warning, It.IsAny<EventId>(), It.IsAny<It.IsAnyType>(), It.IsAny<Exception?>(), It.IsAny<Func<It.IsAnyType, Exception?, string>>()),
            Times.Once);
    }
}
