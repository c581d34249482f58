using System.Globalization;
using Mesh.Core.Resources;

namespace Mesh.Core.Policy;

/// <summary>Helpers the usage-following policies share.</summary>
internal static class PolicyText
{
    /// <summary>The headroom as <c>cpu=0.5,mem=512MiB</c>.</summary>
    public static string Headroom(ResourceVector headroom) =>
        new ResourceSpec(headroom.Cpu, headroom.Memory).ToString();

    /// <summary>max(earmark, expected usage + headroom) for CPU and memory; disk and GPU keep the earmark.</summary>
    public static ResourceVector ReserveFor(ResourceVector earmarked, ResourceVector expectedUsage, ResourceVector headroom) =>
        new(
            Math.Max(earmarked.Cpu, expectedUsage.Cpu + headroom.Cpu),
            Math.Max(earmarked.Memory, expectedUsage.Memory + headroom.Memory),
            earmarked.Disk,
            earmarked.Gpu);

    /// <summary>A duration in the shortest words: "15 min", "60 s".</summary>
    public static string Duration(TimeSpan span) => span.TotalMinutes >= 1 && span.Seconds == 0
        ? span.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture) + " min"
        : span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s";
}
