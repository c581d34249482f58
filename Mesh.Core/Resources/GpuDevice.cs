namespace Mesh.Core.Resources;

/// <summary>One GPU a machine has.</summary>
/// <param name="Model">The model name the driver reports (for example "NVIDIA H100 80GB HBM3").</param>
/// <param name="Memory">The device memory in bytes.</param>
public sealed record GpuDevice(string Model, long Memory);
