using Mesh.Core.Resources;
using Mesh.Core.Tasks;

namespace Mesh.Core.Remote.Guests;

/// <summary>A guest attempt whose process runs, as the preemption policy sees it. Changed only under the host's preemption lock.</summary>
internal sealed class GuestAttempt : IDisposable
{
    private readonly CancellationTokenSource _evict = new();

    public GuestAttempt(AttemptId attempt, TaskId task, string origin, ResourceVector request, long order, DateTimeOffset now)
    {
        Attempt = attempt;
        Task = task;
        Origin = origin;
        Request = request;
        Order = order;
        Since = now;
    }

    public AttemptId Attempt { get; }

    public TaskId Task { get; }

    public string Origin { get; }

    public ResourceVector Request { get; }

    /// <summary>Start order: higher started later (preempted first).</summary>
    public long Order { get; }

    public GuestAttemptState State { get; set; }

    public DateTimeOffset Since { get; set; }

    public double? ThrottledTo { get; set; }

    /// <summary>Since when it has had to give way (throttled attempts excepted); null while it fits.</summary>
    public DateTimeOffset? WantedOutSince { get; set; }

    /// <summary>True once the attempt was evicted: its end is reported as <see cref="TaskEndReason.Evicted"/>.</summary>
    public bool Evicted { get; private set; }

    /// <summary>Cancelled to kill the process for an eviction.</summary>
    public CancellationToken EvictionRequested => _evict.Token;

    public void Evict(DateTimeOffset now)
    {
        Evicted = true;
        State = GuestAttemptState.Evicting;
        Since = now;
        ThrottledTo = null;
        _evict.Cancel();
    }

    public GuestAttemptView ToView() => new(Attempt, Task, Origin, Request, State, Since, ThrottledTo);

    public void Dispose() => _evict.Dispose();
}
