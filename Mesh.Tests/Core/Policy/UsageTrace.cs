using System.Globalization;
using System.Runtime.CompilerServices;
using Mesh.Core.Resources;

namespace Mesh.Tests.Core.Policy;

/// <summary>A recorded owner-usage trace (CSV: time, cpu cores, mem bytes) from the Traces folder beside this file.</summary>
internal sealed record UsageTrace(IReadOnlyList<(DateTimeOffset Time, ResourceVector Usage)> Rows)
{
    public static UsageTrace Load(string fileName)
    {
        var lines = File.ReadAllLines(PathOf(fileName));
        var rows = new List<(DateTimeOffset, ResourceVector)>();
        foreach (var line in lines.Skip(1))
        {
            var fields = line.Split(',');
            if (fields.Length != 3)
            {
                continue;
            }

            var time = DateTimeOffset.Parse(fields[0], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            var cpu = double.Parse(fields[1], CultureInfo.InvariantCulture);
            var memory = long.Parse(fields[2], CultureInfo.InvariantCulture);
            rows.Add((time, new ResourceVector(cpu, memory, 0, 0)));
        }

        return new UsageTrace(rows);
    }

    /// <summary>
    /// The trace file: beside the test binary when the project copies it there, else in the source tree (the test
    /// project does not copy non-code files, and the csproj is not ours to change).
    /// </summary>
    public static string PathOf(string fileName, [CallerFilePath] string source = "")
    {
        var besideBinary = Path.Combine(AppContext.BaseDirectory, "Core", "Policy", "Traces", fileName);
        return File.Exists(besideBinary) ? besideBinary : Path.Combine(Path.GetDirectoryName(source)!, "Traces", fileName);
    }
}
