using System.Text;
using Mesh.Core.Control;

namespace Mesh.Cli.Tasks;

/// <summary>
/// Writes a task's output chunks where they belong: stdout bytes to this process's stdout, stderr bytes to its
/// stderr, unchanged and flushed at once (the output is live); <c>notice</c> lines from the mesh to stderr as
/// <c>mesh: ...</c>. Chunks of streams this version does not know are skipped.
/// </summary>
/// <param name="standardOutput">The raw standard output.</param>
/// <param name="standardError">The raw standard error.</param>
/// <param name="messages">Where <c>mesh:</c> lines go (the same standard error, as text).</param>
public sealed class TaskOutputSink(Stream standardOutput, Stream standardError, TextWriter messages)
{
    /// <summary>The stream name of the task's standard output.</summary>
    public const string Stdout = "stdout";

    /// <summary>The stream name of the task's standard error.</summary>
    public const string Stderr = "stderr";

    /// <summary>The stream name of messages from the mesh.</summary>
    public const string Notice = "notice";

    /// <summary>The highest sequence number written so far (0 before the first chunk): where a reader would resume.</summary>
    public long LastSeq { get; private set; }

    /// <summary>Writes one chunk.</summary>
    public async Task WriteAsync(TaskOutputView chunk, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        LastSeq = Math.Max(LastSeq, chunk.Seq);
        switch (chunk.Stream)
        {
            case Stdout:
                await standardOutput.WriteAsync(chunk.Data, cancellationToken).ConfigureAwait(false);
                await standardOutput.FlushAsync(cancellationToken).ConfigureAwait(false);
                break;
            case Stderr:
                // Messages written as text before this chunk must reach the terminal first.
                await messages.FlushAsync(cancellationToken).ConfigureAwait(false);
                await standardError.WriteAsync(chunk.Data, cancellationToken).ConfigureAwait(false);
                await standardError.FlushAsync(cancellationToken).ConfigureAwait(false);
                break;
            case Notice:
                foreach (var line in Encoding.UTF8.GetString(chunk.Data).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    await messages.WriteLineAsync($"mesh: {line}").ConfigureAwait(false);
                }

                await messages.FlushAsync(cancellationToken).ConfigureAwait(false);
                break;
            default:
                break;
        }
    }
}
