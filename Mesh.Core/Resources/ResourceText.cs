using System.Globalization;

namespace Mesh.Core.Resources;

/// <summary>Resource vectors in words for logs and terminals, sizes as <see cref="ByteSize.Format(long)"/> prints them.</summary>
public static class ResourceText
{
    /// <summary>"4 cores, 8 GiB memory, 1 TB disk, 0 GPUs".</summary>
    public static string Describe(ResourceVector vector) => string.Create(CultureInfo.InvariantCulture,
        $"{Cores(vector.Cpu)} cores, {ByteSize.Format(vector.Memory)} memory, {ByteSize.Format(vector.Disk)} disk, {vector.Gpu} GPUs");

    /// <summary>A number of cores with at most two decimals: "4", "0.5", "1.25".</summary>
    public static string Cores(double cores) => cores.ToString("0.##", CultureInfo.InvariantCulture);
}
