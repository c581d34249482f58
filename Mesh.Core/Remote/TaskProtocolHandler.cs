using Mesh.Core.Tasks.Wire;
using Mesh.Libp2p.Host;
using Microsoft.Extensions.Logging;

namespace Mesh.Core.Remote;

/// <summary>
/// The inbound side of <c>/mesh/task/1.0.0</c>: reads a stream's first message and hands the conversation to whoever
/// serves it: a <see cref="RunRequestMessage"/> to this node as executor, a <see cref="LeaseRenewMessage"/> (an
/// executor coming back to an attempt) to this node as origin, a <see cref="StealRequestMessage"/> to this node as the
/// owner of queued work. Any other opening, a malformed one, or none within
/// <see cref="FirstMessageTimeout"/> resets the stream; nothing a peer sends escapes this handler.
/// </summary>
public sealed partial class TaskProtocolHandler
{
    private readonly ITaskRunServer _runs;
    private readonly ITaskResumeServer _resumes;
    private readonly ITaskStealServer _steals;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the handler.</summary>
    public TaskProtocolHandler(ITaskRunServer runs, ITaskResumeServer resumes, ITaskStealServer steals, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(resumes);
        ArgumentNullException.ThrowIfNull(steals);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _runs = runs;
        _resumes = resumes;
        _steals = steals;
        _time = time;
        _logger = logger;
    }

    /// <summary>How long a peer has to send the first message after opening the stream. Default 10 s.</summary>
    public TimeSpan FirstMessageTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Serves one inbound stream (a <see cref="StreamHandler"/>).</summary>
    public async Task HandleAsync(Libp2pStream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var peer = stream.RemotePeer.ToString();
        TaskMessage? first;
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(FirstMessageTimeout);
            first = await TaskWireStream.ReadAsync(stream.Input, cancellationToken: deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogRefusedOpening(_logger, peer, $"no message within {FirstMessageTimeout}");
            stream.Abort();
            return;
        }
        catch (Exception ex) when (ex is TaskProtocolException or IOException or Libp2p.Libp2pException)
        {
            LogRefusedOpening(_logger, peer, ex.Message);
            stream.Abort();
            return;
        }

        switch (first)
        {
            case RunRequestMessage run:
                await _runs.ServeAsync(run, stream, peer, cancellationToken).ConfigureAwait(false);
                break;
            case LeaseRenewMessage renew:
                await _resumes.ServeResumeAsync(renew, stream, peer, cancellationToken).ConfigureAwait(false);
                break;
            case StealRequestMessage steal:
                await _steals.ServeStealAsync(steal, stream, peer, cancellationToken).ConfigureAwait(false);
                break;
            case null:
                // The peer opened and closed without a word: nothing to serve.
                break;
            default:
                // Any other message belongs inside a conversation and cannot open one.
                LogRefusedOpening(_logger, peer, $"a conversation cannot open with {first.Type}");
                stream.Abort();
                break;
        }
    }

    [LoggerMessage(EventId = 1800, Level = LogLevel.Warning, Message = "Reset a task stream from {Peer}: {Reason}")]
    private static partial void LogRefusedOpening(ILogger logger, string peer, string reason);
}
