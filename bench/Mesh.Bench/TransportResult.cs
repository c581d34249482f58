namespace Mesh.Bench;

/// <summary>One row of the transport table.</summary>
/// <param name="Name">What was measured.</param>
/// <param name="SetupMedianMs">Median connection setup in ms.</param>
/// <param name="SetupP95Ms">95th percentile connection setup in ms.</param>
/// <param name="ThroughputMiBs">Best single-stream throughput in MiB/s.</param>
/// <param name="Baseline">The raw-TCP row of the same harness, for the ratios.</param>
public sealed record TransportResult(string Name, double SetupMedianMs, double SetupP95Ms, double ThroughputMiBs, TransportResult? Baseline);
