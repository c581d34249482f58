using Mesh.Core.Tasks;

namespace Mesh.Core.Scheduling;

/// <summary>Settings of <see cref="TaskService"/>: the node's own task runner.</summary>
public sealed class TaskServiceOptions
{
    /// <summary>The content-addressed input cache (<c>DATA_DIR/cache</c>). Required, absolute.</summary>
    public string CacheDirectory { get; set; } = "";

    /// <summary>The most tasks running at once, whatever the surplus says. Default 64.</summary>
    public int MaxConcurrentTasks { get; set; } = 64;

    /// <summary>How long a lease holds without renewal. Default 30 s.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a running attempt renews its lease (well inside <see cref="LeaseDuration"/>). Default 10 s.</summary>
    public TimeSpan LeaseRenewInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Output of one stream is stored once this many bytes are pending. Default 64 KiB.</summary>
    public int OutputBatchBytes { get; set; } = 64 * 1024;

    /// <summary>How long a small piece of output may wait for more before it is stored anyway. Default 20 ms.</summary>
    public TimeSpan OutputFlushDelay { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>How often the scheduler looks at the queue and the surplus when nothing wakes it. Default 1 s.</summary>
    public TimeSpan SchedulerIdleInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many of the oldest queued tasks one scheduling pass looks at. Default 64.</summary>
    public int SchedulerLookahead { get; set; } = 64;

    /// <summary>The least time between two reports of the load (<see cref="TaskService.LoadChanged"/>). Default 1 s.</summary>
    public TimeSpan LoadReportInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Retries given to a request that names none (a node restart costs an attempt). Default 3.</summary>
    public int DefaultRetries { get; set; } = 3;

    /// <summary>The most tasks one array request may make. Default 100,000.</summary>
    public int MaxArrayTasks { get; set; } = ArrayRange.DefaultMaxCount;

    /// <summary>The largest input file accepted. Default 4 GiB.</summary>
    public long MaxInputFileBytes { get; set; } = 4L << 30;

    /// <summary>The most output files one attempt returns. Default 1,000.</summary>
    public int MaxOutputFiles { get; set; } = 1000;

    /// <summary>The spec limits submissions are checked against.</summary>
    public TaskSpecLimits SpecLimits { get; set; } = TaskSpecLimits.Default;

    /// <summary>Throws when a setting is out of range; the message names it.</summary>
    /// <exception cref="ArgumentException">The cache directory is not absolute.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A limit or interval is out of range.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(CacheDirectory) || !Path.IsPathFullyQualified(CacheDirectory))
        {
            throw new ArgumentException($"{nameof(CacheDirectory)} must be an absolute path", nameof(CacheDirectory));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrentTasks, 1, nameof(MaxConcurrentTasks));
        Positive(LeaseDuration, nameof(LeaseDuration));
        Positive(LeaseRenewInterval, nameof(LeaseRenewInterval));
        if (LeaseRenewInterval >= LeaseDuration)
        {
            throw new ArgumentOutOfRangeException(nameof(LeaseRenewInterval), LeaseRenewInterval, $"{nameof(LeaseRenewInterval)} must be shorter than {nameof(LeaseDuration)}");
        }

        if (OutputBatchBytes is < 1 or > 512 * 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(OutputBatchBytes), OutputBatchBytes, $"{nameof(OutputBatchBytes)} must be 1 B to 512 KiB");
        }

        Positive(OutputFlushDelay, nameof(OutputFlushDelay));
        Positive(SchedulerIdleInterval, nameof(SchedulerIdleInterval));
        Positive(LoadReportInterval, nameof(LoadReportInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(SchedulerLookahead, 1, nameof(SchedulerLookahead));
        ArgumentOutOfRangeException.ThrowIfNegative(DefaultRetries, nameof(DefaultRetries));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxArrayTasks, 1, nameof(MaxArrayTasks));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxInputFileBytes, 1, nameof(MaxInputFileBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxOutputFiles, 1, nameof(MaxOutputFiles));
        ArgumentNullException.ThrowIfNull(SpecLimits, nameof(SpecLimits));
        SpecLimits.Validate();
    }

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive");
        }
    }
}
