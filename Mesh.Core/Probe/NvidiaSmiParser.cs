using System.Globalization;
using Mesh.Core.Resources;

namespace Mesh.Core.Probe;

/// <summary>
/// Reads the output of <c>nvidia-smi --query-gpu=name,memory.total --format=csv,noheader,nounits</c>: one line per GPU,
/// <c>NAME, MiB</c>. The name may itself hold commas; the memory is the last field.
/// </summary>
public static class NvidiaSmiParser
{
    /// <summary>The arguments the probe passes to nvidia-smi.</summary>
    public const string Arguments = "--query-gpu=name,memory.total --format=csv,noheader,nounits";

    /// <summary>The GPUs listed; lines that do not parse are skipped (never throws).</summary>
    public static IReadOnlyList<GpuDevice> Parse(string? output)
    {
        var gpus = new List<GpuDevice>();
        foreach (var raw in (output ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var comma = raw.LastIndexOf(',');
            if (comma <= 0)
            {
                continue;
            }

            var name = raw[..comma].Trim();
            var memoryText = raw[(comma + 1)..].Trim();

            // "[N/A]" or "[Not Supported]" memory still means a GPU is there; its memory is unknown (0).
            long memory = 0;
            if (double.TryParse(memoryText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var mib)
                && double.IsFinite(mib) && mib >= 0 && mib < 1L << 40)
            {
                memory = (long)(mib * 1024 * 1024);
            }
            else if (!memoryText.StartsWith('['))
            {
                continue;
            }

            if (name.Length == 0 || name.Length > 200 || name.Any(char.IsControl))
            {
                continue;
            }

            gpus.Add(new GpuDevice(name, memory));
        }

        return gpus;
    }
}
