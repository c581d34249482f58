namespace Mesh.Bench;

/// <summary>What one gossip swarm measured.</summary>
/// <param name="Peers">Hosts in the swarm.</param>
/// <param name="Edges">Connections planned (each host dials 4 to 6 others).</param>
/// <param name="ConnectedP95Ms">p95 over hosts of the time from the first dial until that host had all its planned connections.</param>
/// <param name="AllConnectedMs">Time from the first dial until every host had all its planned connections.</param>
/// <param name="ConnectCpuMs">Process CPU time (all threads, both cores) spent from the first dial until every host was connected.</param>
/// <param name="ConnectGcPauseMs">Garbage collector pauses over the same span.</param>
/// <param name="ConnectAllocatedMiB">Managed allocations over the same span, in MiB.</param>
/// <param name="MeshesFormedMs">Time from the first dial until every host also had min(D_lo, its degree) mesh peers.</param>
/// <param name="Messages">Messages published.</param>
/// <param name="IntervalMs">Time between two publishes.</param>
/// <param name="Delivered">Distinct (message, receiver) deliveries to the application.</param>
/// <param name="Expected">Deliveries expected: messages x (peers - 1).</param>
/// <param name="AppDuplicates">Messages handed to an application more than once.</param>
/// <param name="WireDuplicates">Valid messages received again and dropped by the routers (sum over hosts).</param>
/// <param name="MeanMeshDegree">Mean number of mesh peers per host for the topic after publishing.</param>
/// <param name="LatencyP50Ms">Median delivery latency.</param>
/// <param name="LatencyP99Ms">p99 delivery latency.</param>
/// <param name="LatencyMaxMs">Largest delivery latency.</param>
/// <param name="PeerExchangeConnections">Connections the routers made because of peer exchange (sum over hosts).</param>
public sealed record GossipResult(
    int Peers,
    int Edges,
    double ConnectedP95Ms,
    double AllConnectedMs,
    double ConnectCpuMs,
    double ConnectGcPauseMs,
    double ConnectAllocatedMiB,
    double MeshesFormedMs,
    int Messages,
    double IntervalMs,
    long Delivered,
    long Expected,
    long AppDuplicates,
    long WireDuplicates,
    double MeanMeshDegree,
    double LatencyP50Ms,
    double LatencyP99Ms,
    double LatencyMaxMs,
    long PeerExchangeConnections);
