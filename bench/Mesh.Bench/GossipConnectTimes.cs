namespace Mesh.Bench;

/// <summary>How long a swarm took to connect and to form its meshes, in milliseconds from the first dial.</summary>
/// <param name="HostConnectedMs">Per host, when it had every planned connection.</param>
/// <param name="AllConnectedMs">When the last host had every planned connection.</param>
/// <param name="ConnectCpuMs">Process CPU time (all threads) spent from the first dial until <paramref name="AllConnectedMs"/>.</param>
/// <param name="ConnectGcPauseMs">Time the garbage collector paused the process over the same span.</param>
/// <param name="ConnectAllocatedMiB">Bytes allocated on the managed heap over the same span, in MiB.</param>
/// <param name="MeshesFormedMs">When every host also had min(D_lo, its degree) mesh peers.</param>
public sealed record GossipConnectTimes(double[] HostConnectedMs, double AllConnectedMs, double ConnectCpuMs, double ConnectGcPauseMs, double ConnectAllocatedMiB, double MeshesFormedMs);
