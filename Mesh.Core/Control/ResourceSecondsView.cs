namespace Mesh.Core.Control;

/// <summary>Resources over time, summed over compute transactions (<c>given</c> and <c>used</c> of <see cref="JournalPeerView"/>).</summary>
/// <param name="CpuSeconds">CPU time, in core-seconds.</param>
/// <param name="MemoryByteSeconds">Peak memory times wall time, in byte-seconds.</param>
/// <param name="GpuSeconds">GPUs times wall time, in device-seconds.</param>
/// <param name="Tasks">How many transactions.</param>
public sealed record ResourceSecondsView(double CpuSeconds, double MemoryByteSeconds, double GpuSeconds, long Tasks);
