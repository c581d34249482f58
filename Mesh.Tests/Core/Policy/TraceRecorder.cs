using System.Globalization;
using System.Text;
using Mesh.Core.Probe;

namespace Mesh.Tests.Core.Policy;

/// <summary>
/// Records a real owner-usage trace on this machine with the Linux probe at 1 s intervals into Traces/recorded-host.csv.
/// Run by hand: MESH_TRACE_SECONDS=180 dotnet test --filter FullyQualifiedName~TraceRecorder
/// </summary>
[TestFixture]
[Explicit("records a trace for minutes; run by hand")]
public sealed class TraceRecorder
{
    [Test]
    [CancelAfter(900_000)]
    public async Task RecordHostTrace_WritesOneRowPerSecond(CancellationToken cancellationToken)
    {
        var seconds = int.Parse(Environment.GetEnvironmentVariable("MESH_TRACE_SECONDS") ?? "180", CultureInfo.InvariantCulture);
        var source = new LinuxOwnerUsageSource(new HostProbeOptions());
        var csv = new StringBuilder("time,cpu,mem\n");
        await source.ReadOwnerUsageAsync(cancellationToken);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        for (var i = 0; i < seconds && await timer.WaitForNextTickAsync(cancellationToken); i++)
        {
            var usage = await source.ReadOwnerUsageAsync(cancellationToken);
            csv.Append(CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ss},{usage.Cpu:0.###},{usage.Memory}\n");
        }

        var path = UsageTrace.PathOf("recorded-host.csv");
        await File.WriteAllTextAsync(path, csv.ToString(), cancellationToken);
        Assert.That(File.ReadAllLines(path), Has.Length.EqualTo(seconds + 1));
    }
}
