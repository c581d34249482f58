using Mesh.Node;

namespace Mesh.Tests.Node;

[TestFixture]
public sealed class DataDirectoryTests
{
    [TestCase(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, false)]
    [TestCase(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute, true)]
    [TestCase(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.OtherExecute, true)]
    public void OthersMayRead_DirectoryMode_TellsWhetherOthersGetIn(UnixFileMode mode, bool expected)
    {
        var directory = Directory.CreateTempSubdirectory("mesh-datadir-");
        try
        {
            File.SetUnixFileMode(directory.FullName, mode);

            Assert.That(DataDirectory.OthersMayRead(directory.FullName), Is.EqualTo(expected));
        }
        finally
        {
            directory.Delete();
        }
    }

    [Test]
    public void Ensure_NewDirectory_IsMode0700AndNotOpenToOthers()
    {
        var parent = Directory.CreateTempSubdirectory("mesh-datadir-");
        try
        {
            var path = Path.Combine(parent.FullName, "data");
            DataDirectory.Ensure(path);

            Assert.Multiple(() =>
            {
                Assert.That(File.GetUnixFileMode(path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute));
                Assert.That(DataDirectory.OthersMayRead(path), Is.False);
            });
        }
        finally
        {
            parent.Delete(recursive: true);
        }
    }
}
