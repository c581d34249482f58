namespace Mesh.Cli.Client;

/// <summary>Limits and timeouts of <see cref="UnixSocketControlClient"/>.</summary>
public sealed class ControlClientOptions
{
    /// <summary>How long connecting to the socket may take (default 1 s: a local socket answers at once or not at all).</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a read request may take, connection included (default 10 s).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long re-running the benchmark may take (default 5 min).</summary>
    public TimeSpan BenchmarkTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long reading or checking a journal may take (default 2 min: another peer's journal is fetched page by page).</summary>
    public TimeSpan JournalTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The largest answer accepted (default 16 MiB, some thousands of peers).</summary>
    public int MaxResponseBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>The longest line of a task's output stream accepted (default 4 MiB: one chunk of output, base64, in JSON).</summary>
    public int MaxOutputLineBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the option at fault.</summary>
    public void Validate()
    {
        Positive(ConnectTimeout, nameof(ConnectTimeout));
        Positive(RequestTimeout, nameof(RequestTimeout));
        Positive(BenchmarkTimeout, nameof(BenchmarkTimeout));
        Positive(JournalTimeout, nameof(JournalTimeout));
        if (MaxResponseBytes <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxResponseBytes), MaxResponseBytes, $"{nameof(MaxResponseBytes)} must be positive");
        }

        if (MaxOutputLineBytes <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxOutputLineBytes), MaxOutputLineBytes, $"{nameof(MaxOutputLineBytes)} must be positive");
        }
    }

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive");
        }
    }
}
