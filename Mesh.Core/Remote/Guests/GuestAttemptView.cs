using Mesh.Core.Resources;
using Mesh.Core.Tasks;

namespace Mesh.Core.Remote.Guests;

/// <summary>One running guest attempt, for observability (<see cref="GuestTaskHost.Guests"/>).</summary>
/// <param name="Attempt">The attempt.</param>
/// <param name="Task">Its task.</param>
/// <param name="Origin">The peer it runs for.</param>
/// <param name="Request">The resources its spec asked for.</param>
/// <param name="State">Running, throttled, suspended or being evicted.</param>
/// <param name="Since">When it entered <paramref name="State"/>.</param>
/// <param name="ThrottledTo">The CPU quota in cores while throttled, else null.</param>
public sealed record GuestAttemptView(
    AttemptId Attempt, TaskId Task, string Origin, ResourceVector Request, GuestAttemptState State, DateTimeOffset Since, double? ThrottledTo);
