using System.Text;

namespace Mesh.Tests.Cli.Tasks;

/// <summary>What a command wrote to its raw stdout and stderr, in the order written.</summary>
internal sealed class OutputLog
{
    private readonly Lock _lock = new();
    private readonly List<(string Stream, byte[] Data)> _writes = [];
    private TaskCompletionSource _written = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<(string Stream, byte[] Data)> Writes
    {
        get
        {
            lock (_lock)
            {
                return [.. _writes];
            }
        }
    }

    public void Add(string stream, byte[] data)
    {
        TaskCompletionSource written;
        lock (_lock)
        {
            _writes.Add((stream, data));
            written = _written;
            _written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        written.TrySetResult();
    }

    public byte[] Bytes(string stream) => [.. Writes.Where(w => w.Stream == stream).SelectMany(w => w.Data)];

    public string Text(string stream) => Encoding.UTF8.GetString(Bytes(stream));

    /// <summary>Completes once <paramref name="stream"/> holds <paramref name="text"/>.</summary>
    public async Task WaitForAsync(string stream, string text, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            Task next;
            lock (_lock)
            {
                next = _written.Task;
            }

            if (Text(stream).Contains(text, StringComparison.Ordinal))
            {
                return;
            }

            await next.WaitAsync(cancellationToken);
        }
    }
}
