using Mesh.Core.Tasks.Wire;

namespace Mesh.Core.Remote.Dispatch;

/// <summary>Limits and timeouts of <see cref="RemoteAttemptRunner"/>, the origin side of a remote attempt.</summary>
public sealed class RemoteAttemptOptions
{
    /// <summary>The output credit granted with the run request and on redelivery (bytes). Default 1 MiB.</summary>
    public long InitialCredit { get; set; } = 1 << 20;

    /// <summary>The lease granted per renewal (RunRequest's lease; each LeaseRenew is capped at now + this). Default 30 s.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The lease left to a broken attempt, so its executor can redeliver a finished result before a re-queue. Default 2 s.</summary>
    public TimeSpan ResumeGrace { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long after sending Cancel the executor has to report its result. Default 10 s.</summary>
    public TimeSpan CancelGrace { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long opening the stream to the executor may take. Default 10 s.</summary>
    public TimeSpan OpenTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long the executor may send nothing at all (nor read what is sent to it) before the conversation counts as broken.
    /// The executor renews every third of the lease, so this must be more than <see cref="LeaseDuration"/> / 3. Default 60 s.
    /// </summary>
    public TimeSpan PeerSilenceTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long to wait, after the ResultAck, for the executor to close its side. Default 5 s.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The most output files of one result that are kept; the rest are received and dropped. Default 1,000.</summary>
    public int MaxOutputFiles { get; set; } = 1000;

    /// <summary>The largest output file kept (bytes); a larger one is received and dropped. Default 4 GiB.</summary>
    public long MaxOutputFileBytes { get; set; } = 4L << 30;

    /// <summary>The task protocol's limits for reading and writing messages. Default <see cref="TaskWireLimits"/>'s defaults.</summary>
    public TaskWireLimits WireLimits { get; set; } = new();

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the exception names it.</exception>
    /// <exception cref="ArgumentException">An option is missing.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(InitialCredit, 1, nameof(InitialCredit));
        RequirePositive(LeaseDuration, nameof(LeaseDuration));
        if (LeaseDuration.TotalMilliseconds > 1L << 53)
        {
            throw new ArgumentOutOfRangeException(nameof(LeaseDuration), LeaseDuration, $"{nameof(LeaseDuration)} may be at most 2^53 ms");
        }

        RequirePositive(ResumeGrace, nameof(ResumeGrace));
        RequirePositive(CancelGrace, nameof(CancelGrace));
        RequirePositive(OpenTimeout, nameof(OpenTimeout));
        RequirePositive(CloseTimeout, nameof(CloseTimeout));
        if (PeerSilenceTimeout <= LeaseDuration / 3)
        {
            throw new ArgumentOutOfRangeException(
                nameof(PeerSilenceTimeout), PeerSilenceTimeout,
                $"{nameof(PeerSilenceTimeout)} must be more than a third of {nameof(LeaseDuration)} ({LeaseDuration}): executors renew that often");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxOutputFiles, 0, nameof(MaxOutputFiles));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxOutputFileBytes, 0, nameof(MaxOutputFileBytes));
        if (WireLimits is null)
        {
            throw new ArgumentException($"{nameof(WireLimits)} must be set", nameof(WireLimits));
        }

        WireLimits.Validate();
    }

    private static void RequirePositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be more than zero");
        }
    }
}
