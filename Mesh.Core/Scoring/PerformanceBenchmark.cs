using System.Diagnostics;
using System.Security.Cryptography;

namespace Mesh.Core.Scoring;

/// <summary>
/// The short benchmark behind the performance score (FIG 9, 905-906): SHA-256 on every core for a fixed time, then
/// copying a buffer larger than the caches on every core for a fixed time. Fixed time rather than fixed work keeps
/// the run under a second on any machine; the rates are what is compared.
/// </summary>
public static class PerformanceBenchmark
{
    /// <summary>Bumped whenever the kernels or the formula change: cached scores of another version are measured again.</summary>
    public const int Version = 1;

    private const int HashBlockBytes = 16 << 10;

    /// <summary>Runs both phases on the calling thread plus worker threads; blocks for about CpuPhase + MemoryPhase.</summary>
    public static BenchmarkResult Run(BenchmarkOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var cpu = RunCpu(options, cancellationToken);
        var memory = RunMemory(options, cancellationToken);
        return new BenchmarkResult(cpu, memory);
    }

    private static double RunCpu(BenchmarkOptions options, CancellationToken cancellationToken)
    {
        var (bytes, elapsed) = RunOnAllThreads(options.Threads, options.CpuPhase, (_, deadline, token) =>
        {
            var block = new byte[HashBlockBytes];
            Random.Shared.NextBytes(block);
            Span<byte> digest = stackalloc byte[32];
            long hashed = 0;
            while (Stopwatch.GetTimestamp() < deadline && !token.IsCancellationRequested)
            {
                SHA256.HashData(block, digest);

                // Chain the digest into the input so the work cannot be skipped.
                digest.CopyTo(block);
                hashed += block.Length;
            }

            return hashed;
        }, cancellationToken);
        return bytes / (1024.0 * 1024.0) / elapsed.TotalSeconds;
    }

    private static double RunMemory(BenchmarkOptions options, CancellationToken cancellationToken)
    {
        var source = GC.AllocateUninitializedArray<byte>(options.MemoryBufferBytes);
        var target = GC.AllocateUninitializedArray<byte>(options.MemoryBufferBytes);
        Array.Fill(source, (byte)0x5A);
        var slice = options.MemoryBufferBytes / options.Threads;
        var (bytes, elapsed) = RunOnAllThreads(options.Threads, options.MemoryPhase, (index, deadline, token) =>
        {
            var from = source.AsMemory(index * slice, slice);
            var to = target.AsMemory(index * slice, slice);
            long copied = 0;
            while (Stopwatch.GetTimestamp() < deadline && !token.IsCancellationRequested)
            {
                from.Span.CopyTo(to.Span);
                copied += slice;
            }

            return copied;
        }, cancellationToken);

        // Hand the 2 x 32 MiB back to the system now: an idle node should stay small (issue 4 target: 80 MB resident).
        source = null;
        target = null;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        return bytes / (1024.0 * 1024.0 * 1024.0) / elapsed.TotalSeconds;
    }

    private static (long Total, TimeSpan Elapsed) RunOnAllThreads(
        int threads, TimeSpan phase, Func<int, long, CancellationToken, long> work, CancellationToken cancellationToken)
    {
        var totals = new long[threads];
        using var start = new ManualResetEventSlim();
        long deadline = 0;
        var workers = new Thread[threads];
        for (var i = 0; i < threads; i++)
        {
            var index = i;
            workers[i] = new Thread(() =>
            {
                start.Wait(cancellationToken);
                totals[index] = work(index, Volatile.Read(ref deadline), cancellationToken);
            })
            {
                IsBackground = true,
                Name = "mesh-benchmark",
            };
            workers[i].Start();
        }

        var began = Stopwatch.GetTimestamp();
        Volatile.Write(ref deadline, began + (long)(phase.TotalSeconds * Stopwatch.Frequency));
        start.Set();
        foreach (var worker in workers)
        {
            worker.Join();
        }

        var elapsed = Stopwatch.GetElapsedTime(began);
        cancellationToken.ThrowIfCancellationRequested();
        return (totals.Sum(), elapsed);
    }
}
