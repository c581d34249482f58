namespace Mesh.Core.Probe;

/// <summary>Detects what this machine has. One implementation per operating system (see <see cref="HostProbes.CreateDefault"/>).</summary>
public interface IHostProbe
{
    /// <summary>Reads the machine's capacity: CPU cores, memory, the disk of the data dir's filesystem, GPUs.</summary>
    /// <exception cref="IOException">The system could not be read; callers keep their last good reading.</exception>
    Task<HostCapacity> ReadCapacityAsync(CancellationToken cancellationToken = default);
}
