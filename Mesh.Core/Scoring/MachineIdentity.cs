using System.Runtime.InteropServices;
using Mesh.Core.Probe;

namespace Mesh.Core.Scoring;

/// <summary>What a cached score depends on: the CPU model and the core count (a change means measuring again).</summary>
/// <param name="CpuModel">The CPU model name.</param>
/// <param name="Cores">The cores the benchmark uses.</param>
public sealed record MachineIdentity(string CpuModel, int Cores)
{
    /// <summary>This machine: the model from <c>/proc/cpuinfo</c> (else the architecture) and <see cref="Environment.ProcessorCount"/>.</summary>
    public static MachineIdentity Current()
    {
        string? model = null;
        try
        {
            if (OperatingSystem.IsLinux() && File.Exists("/proc/cpuinfo"))
            {
                model = ProcParsers.ParseCpuModel(File.ReadAllText("/proc/cpuinfo"));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            model = null;
        }

        return new MachineIdentity(model ?? RuntimeInformation.ProcessArchitecture.ToString(), Environment.ProcessorCount);
    }
}
