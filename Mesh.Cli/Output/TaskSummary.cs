using System.Text;
using System.Text.Json;
using Mesh.Core.Control;
using Mesh.Core.Tasks;

namespace Mesh.Cli.Output;

/// <summary><c>mesh status</c> without a task: how many tasks are in each state, every state listed.</summary>
public sealed class TaskSummary
{
    private readonly Dictionary<string, int> _counts = Enum.GetValues<TaskState>().ToDictionary(s => s.ToText(), _ => 0, StringComparer.Ordinal);

    /// <summary>The tasks counted.</summary>
    public int Total { get; private set; }

    /// <summary>The count of tasks in <paramref name="state"/> (its text form).</summary>
    public int this[string state] => _counts.GetValueOrDefault(state);

    /// <summary>Counts one task.</summary>
    public void Add(TaskStatusView task)
    {
        ArgumentNullException.ThrowIfNull(task);
        _counts[task.State] = _counts.GetValueOrDefault(task.State) + 1;
        Total++;
    }

    /// <summary>One line per state, then the total: <c>running     3</c>.</summary>
    public void Write(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        foreach (var (state, count) in _counts)
        {
            output.WriteLine($"{state,-10}{count,8}");
        }

        output.WriteLine($"{"total",-10}{Total,8}");
    }

    /// <summary>The counts as one JSON object, <c>{"queued":0,...,"total":N}</c>, written without reflection.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (state, count) in _counts)
            {
                writer.WriteNumber(state, count);
            }

            writer.WriteNumber("total", Total);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
