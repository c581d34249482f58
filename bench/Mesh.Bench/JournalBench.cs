using System.Diagnostics;
using Mesh.Core.Journal;
using Mesh.Core.Resources;
using Mesh.Core.Tasks;
using Mesh.Libp2p.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mesh.Bench;

/// <summary>
/// The compute journal's costs: signing a transaction (executor and origin), a durable append against a durable SQLite
/// commit of the same bytes, a full verify against the bare signature checks it is made of, and a reopen's time and
/// memory.
/// </summary>
public static class JournalBench
{
    private static readonly TaskIdGenerator Ids = new(TimeProvider.System);

    /// <summary>Runs every part and prints one table.</summary>
    public static async Task RunAsync(JournalBenchSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var origin = IdentityKey.Generate();
        var executor = IdentityKey.Generate();
        var work = Directory.CreateTempSubdirectory("mesh-bench-journal-");
        try
        {
            var signing = Stopwatch.StartNew();
            var transactions = Enumerable.Range(0, Math.Max(settings.Appends, settings.Entries)).Select(i => Sign(origin, executor, i)).ToList();
            var signMicros = signing.Elapsed.TotalMicroseconds / transactions.Count;

            var journalAppend = await AppendJournalAsync(Path.Combine(work.FullName, "append"), executor.PeerId, transactions.Take(settings.Appends));
            var sqliteAppend = AppendSqlite(Path.Combine(work.FullName, "append.db"), transactions.Take(settings.Appends));

            var big = Path.Combine(work.FullName, "big");
            await AppendJournalAsync(big, executor.PeerId, transactions.Take(settings.Entries), durable: false);
            var (verifyRate, reopenMs, reopenMiB) = VerifyAndReopen(big, executor.PeerId);
            var floor = Stopwatch.StartNew();
            var good = transactions.Take(settings.Entries).Count(t => JournalSigning.VerifyExecutor(t) && JournalSigning.VerifyOrigin(t));
            var floorRate = good / floor.Elapsed.TotalSeconds;

            Console.WriteLine($"journal bench: {settings.Appends} durable appends, a {settings.Entries}-entry journal verified and reopened");
            Console.WriteLine($"{"what",-58} {"p50",9} {"p99",9} {"rate",12}");
            Console.WriteLine($"{"sign (executor) + countersign (origin), one transaction",-58} {signMicros,7:0} µs {"",9} {1e6 / signMicros,8:0}/s");
            Row("append, fsync each (Mesh journal)", journalAppend);
            Row("peer: SQLite WAL, synchronous=FULL, a commit each", sqliteAppend);
            Console.WriteLine($"{"verify whole journal (links, hashes, 2 signatures each)",-58} {"",9} {"",9} {verifyRate,8:0}/s");
            Console.WriteLine($"{"floor: the 2 signature checks alone",-58} {"",9} {"",9} {floorRate,8:0}/s");
            Console.WriteLine($"reopen {settings.Entries} entries: {reopenMs:0} ms, +{reopenMiB:0.0} MiB managed after reopening");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static void Row(string what, List<double> micros) =>
        Console.WriteLine($"{what,-58} {Samples.Quantile(micros, 0.5) / 1000,6:0.00} ms {Samples.Quantile(micros, 0.99) / 1000,6:0.00} ms {micros.Count / (micros.Sum() / 1e6),8:0}/s");

    private static SignedComputeRecord Sign(IdentityKey origin, IdentityKey executor, int index)
    {
        var finished = DateTimeOffset.UnixEpoch.AddDays(20_000).AddSeconds(index);
        var record = new ComputeRecord
        {
            Task = Ids.Next(),
            Attempt = AttemptId.New(),
            Origin = origin.PeerId,
            Executor = executor.PeerId,
            CommandDigest = CommandDigest.Of(["sh", "-c", $"echo {index}"]),
            Requested = new ResourceVector(1, 256L << 20, 0, 0),
            Used = new TaskUsage(TimeSpan.FromMilliseconds(40), TimeSpan.FromMilliseconds(12), 3L << 20),
            StartedAt = finished.AddMilliseconds(-40),
            FinishedAt = finished,
            Reason = TaskEndReason.Exited,
            ExitCode = 0,
        };
        return JournalSigning.Countersign(origin, JournalSigning.SignAsExecutor(executor, record));
    }

    private static async Task<List<double>> AppendJournalAsync(string directory, PeerId owner, IEnumerable<SignedComputeRecord> transactions, bool durable = true)
    {
        Directory.CreateDirectory(directory);
        using var journal = JournalService.Open(
            new JournalOptions { Path = Path.Combine(directory, JournalOptions.FileName) }, owner, TimeProvider.System, NullLogger<JournalService>.Instance);
        var micros = new List<double>();
        foreach (var transaction in transactions)
        {
            var started = Stopwatch.GetTimestamp();
            await journal.AppendAsync(transaction);
            if (durable)
            {
                micros.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
            }
        }

        return micros;
    }

    private static List<double> AppendSqlite(string path, IEnumerable<SignedComputeRecord> transactions)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using (var setup = connection.CreateCommand())
        {
            setup.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE entries (height INTEGER PRIMARY KEY, entry BLOB NOT NULL);";
            setup.ExecuteNonQuery();
        }

        var micros = new List<double>();
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO entries (entry) VALUES ($entry)";
        var parameter = insert.Parameters.Add("$entry", SqliteType.Blob);
        var previous = new byte[JournalHead.HashLength];
        var height = 0L;
        foreach (var transaction in transactions)
        {
            // The same bytes the journal writes, so both store equal work.
            var entry = JournalEntryCodec.Encode(++height, previous, transaction);
            previous = JournalEntryCodec.Hash(entry);
            var started = Stopwatch.GetTimestamp();
            using (var commit = connection.BeginTransaction())
            {
                insert.Transaction = commit;
                parameter.Value = entry;
                insert.ExecuteNonQuery();
                commit.Commit();
            }

            micros.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
        }

        return micros;
    }

    private static (double VerifyRate, double ReopenMs, double ReopenMiB) VerifyAndReopen(string directory, PeerId owner)
    {
        var options = new JournalOptions { Path = Path.Combine(directory, JournalOptions.FileName) };
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var opening = Stopwatch.StartNew();
        using var journal = JournalService.Open(options, owner, TimeProvider.System, NullLogger<JournalService>.Instance);
        var reopenMs = opening.Elapsed.TotalMilliseconds;
        var after = GC.GetTotalMemory(forceFullCollection: true);
        var verifying = Stopwatch.StartNew();
        var verification = journal.Verify();
        if (!verification.Ok)
        {
            throw new InvalidOperationException($"the bench journal does not verify: {verification.FirstFault}");
        }

        return (verification.Entries / verifying.Elapsed.TotalSeconds, reopenMs, (after - before) / 1048576.0);
    }
}
