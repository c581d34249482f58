namespace Mesh.Tests.Node;

/// <summary>The frame of the multi-node process tests: a fresh work directory and cluster per test, stopped and removed after it.</summary>
public abstract class ClusterFixture
{
    /// <summary>This test's work directory.</summary>
    internal DirectoryInfo Work { get; private set; } = null!;

    /// <summary>This test's nodes.</summary>
    internal RemoteTaskCluster Cluster { get; private set; } = null!;

    /// <summary>The prefix of the work directory's name.</summary>
    protected abstract string WorkPrefix { get; }

    [SetUp]
    public void CreateCluster()
    {
        Work = Directory.CreateTempSubdirectory(WorkPrefix);
        Cluster = new RemoteTaskCluster(Work);
    }

    [TearDown]
    public async Task StopCluster()
    {
        await Cluster.DisposeAsync();
        Work.Delete(recursive: true);
    }

    /// <summary>Polls <paramref name="done"/> every 100 ms until it holds; fails the test after <paramref name="seconds"/>.</summary>
    protected static async Task WaitUntilAsync(Func<Task<bool>> done, string what, int seconds = 40)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (await done())
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"timed out waiting until {what}");
    }
}
