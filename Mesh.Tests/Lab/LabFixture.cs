namespace Mesh.Tests.Lab;

/// <summary>
/// The common frame of the lab tests: each test is skipped (saying why) where network namespaces cannot be made, and
/// gets a fresh work directory, removed after it.
/// </summary>
public abstract class LabFixture
{
    /// <summary>This test's work directory.</summary>
    protected DirectoryInfo Work { get; private set; } = null!;

    /// <summary>The prefix of the work directory's name.</summary>
    protected abstract string WorkPrefix { get; }

    [SetUp]
    public void RequireLab()
    {
        if (NetworkLab.UnavailableReason() is { } reason)
        {
            Assert.Ignore(reason);
        }

        Work = Directory.CreateTempSubdirectory(WorkPrefix);
    }

    [TearDown]
    public void DeleteWork() => Work?.Delete(recursive: true);
}
