namespace Mesh.Cli.Top;

/// <summary>Settings of <c>mesh top</c>.</summary>
public sealed class TopOptions
{
    /// <summary>The shortest refresh interval (a node answers in well under this).</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest refresh interval.</summary>
    public static readonly TimeSpan MaxInterval = TimeSpan.FromHours(1);

    /// <summary>How often the peer table is fetched (<c>--interval</c>). Default: 1 second.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one fetch may take before it counts as failed. Default: 5 seconds.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The longest the loop waits for a key before it looks at the terminal size again, so a resize is redrawn
    /// within this time. Default: 100 ms.
    /// </summary>
    public TimeSpan ResizePoll { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Whether to draw colors (false when NO_COLOR is set). Default: true.</summary>
    public bool Color { get; set; } = true;

    /// <summary>Throws when a setting is out of range, naming it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public void Validate()
    {
        if (Interval < MinInterval || Interval > MaxInterval)
        {
            throw new ArgumentOutOfRangeException(nameof(Interval), Interval, $"--interval must be between {MinInterval.TotalSeconds}s and {MaxInterval.TotalSeconds}s.");
        }

        if (RequestTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(RequestTimeout), RequestTimeout, "RequestTimeout must be positive.");
        }

        if (ResizePoll <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(ResizePoll), ResizePoll, "ResizePoll must be positive.");
        }
    }
}
