namespace Mesh.Tests.Node.Control;

/// <summary>A short private temp directory for a control socket (Unix socket paths are limited to 107 bytes).</summary>
internal sealed class ControlSocketDirectory : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("mctl-");

    public string SocketPath => Path.Combine(_directory.FullName, "control.sock");

    public string PathOf(string name) => Path.Combine(_directory.FullName, name);

    public void Dispose() => _directory.Delete(recursive: true);
}
