using Mesh.Core.Tasks;

namespace Mesh.Core.Remote.Guests;

/// <summary>Settings of <see cref="GuestTaskHost"/>, the executor side of remote execution.</summary>
public sealed class GuestTaskHostOptions
{
    /// <summary>
    /// The absolute folder where guest attempts keep their returned output files until the origin acknowledges the
    /// result (<c>WORK/ORIGIN/TASK.ATTEMPT/</c>). Required. The folders of origins are also how a restarted node
    /// finds the origins it still owes results to.
    /// </summary>
    public string WorkDirectory { get; set; } = "";

    /// <summary>The limits a guest's spec is checked against. Default <see cref="TaskSpecLimits.Default"/>.</summary>
    public TaskSpecLimits SpecLimits { get; set; } = TaskSpecLimits.Default;

    /// <summary>The most output files returned per attempt. Default 1,000.</summary>
    public int MaxOutputFiles { get; set; } = 1000;

    /// <summary>How long to wait for the origin's ResultAck after sending a result; then the stream counts as broken and the result is redelivered later. Default 30 s.</summary>
    public TimeSpan ResultAckTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The first wait before redelivering to an origin that could not take a result. Default 1 s.</summary>
    public TimeSpan RedeliveryMinBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between redelivery tries to one origin (the wait doubles up to it). Default 30 s.</summary>
    public TimeSpan RedeliveryMaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long to wait for the origin's next message while it sends inputs or answers a redelivery. Default 60 s.</summary>
    public TimeSpan PeerSilenceTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The most bytes of input one guest task may declare, all its inputs together. Default 4 GiB.</summary>
    public long MaxInputBytes { get; set; } = 4L << 30;

    /// <summary>How guests give way when the machine's owner needs it back. Default: suspend, evict after 30 s.</summary>
    public GuestPreemptionOptions Preemption { get; set; } = new();

    /// <summary>Throws if a setting is out of range; the message names it.</summary>
    /// <exception cref="ArgumentException">The work directory is missing or not absolute.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A limit or timeout is out of range.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(WorkDirectory) || !Path.IsPathFullyQualified(WorkDirectory))
        {
            throw new ArgumentException($"{nameof(GuestTaskHostOptions)}.{nameof(WorkDirectory)} must be an absolute path.", nameof(WorkDirectory));
        }

        ArgumentNullException.ThrowIfNull(SpecLimits, nameof(SpecLimits));
        ArgumentNullException.ThrowIfNull(Preemption, nameof(Preemption));
        Preemption.Validate();
        RequirePositive(ResultAckTimeout, nameof(ResultAckTimeout));
        RequirePositive(RedeliveryMinBackoff, nameof(RedeliveryMinBackoff));
        RequirePositive(PeerSilenceTimeout, nameof(PeerSilenceTimeout));
        if (RedeliveryMaxBackoff < RedeliveryMinBackoff)
        {
            throw new ArgumentOutOfRangeException(nameof(RedeliveryMaxBackoff), RedeliveryMaxBackoff, $"{nameof(GuestTaskHostOptions)}.{nameof(RedeliveryMaxBackoff)} must be at least {nameof(RedeliveryMinBackoff)}.");
        }

        if (MaxOutputFiles < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxOutputFiles), MaxOutputFiles, $"{nameof(GuestTaskHostOptions)}.{nameof(MaxOutputFiles)} must not be negative.");
        }

        if (MaxInputBytes < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxInputBytes), MaxInputBytes, $"{nameof(GuestTaskHostOptions)}.{nameof(MaxInputBytes)} must not be negative.");
        }
    }

    private static void RequirePositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{nameof(GuestTaskHostOptions)}.{name} must be more than zero.");
        }
    }
}
