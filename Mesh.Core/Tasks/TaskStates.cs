using System.Diagnostics.CodeAnalysis;

namespace Mesh.Core.Tasks;

/// <summary>The text form of <see cref="TaskState"/> used in the control API and the database.</summary>
public static class TaskStates
{
    /// <summary>The lowercase name, as shared/DESIGN.md writes it.</summary>
    public static string ToText(this TaskState state) => state switch
    {
        TaskState.Queued => "queued",
        TaskState.Running => "running",
        TaskState.Succeeded => "succeeded",
        TaskState.Failed => "failed",
        TaskState.Cancelled => "cancelled",
        TaskState.Lost => "lost",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "unknown task state"),
    };

    /// <summary>Reads a lowercase state name; never throws.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out TaskState state)
    {
        foreach (var candidate in Enum.GetValues<TaskState>())
        {
            if (candidate.ToText() == text)
            {
                state = candidate;
                return true;
            }
        }

        state = default;
        return false;
    }

    /// <summary>True for succeeded, failed, cancelled and lost: no further transition is possible.</summary>
    public static bool IsFinal(this TaskState state) => state is TaskState.Succeeded or TaskState.Failed or TaskState.Cancelled or TaskState.Lost;
}
