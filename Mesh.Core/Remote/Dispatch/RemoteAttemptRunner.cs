using Mesh.Core.Scheduling;
using Mesh.Core.Tasks;
using Mesh.Core.Tasks.Wire;
using Mesh.Libp2p;
using Mesh.Libp2p.Channels;
using Microsoft.Extensions.Logging;

namespace Mesh.Core.Remote.Dispatch;

/// <summary>
/// The origin side of remote execution (docs/protocol.md "Task protocol"): runs one attempt of a task on another peer over a
/// task-protocol stream — sends the request and the inputs it asks for, stores its output and grants credit back, renews
/// its lease in the store, receives its result and files and records them — and serves a result the executor redelivers on
/// a stream it opened (<see cref="ServeResumeAsync"/>). Every executor message is checked; whatever the executor does ends
/// the conversation as a value (<see cref="RemoteAttemptOutcome"/>), never as an exception.
/// </summary>
/// <remarks>
/// Protocol violations by the executor (an invalid or unknown message, one in the wrong phase or for another attempt,
/// output past its credit, a gap in output offsets, file data out of manifest order, skipping offsets or past the declared
/// size, and, with <see cref="Journaling"/> set, a compute record that is missing, badly signed or not this attempt's) break the conversation: the stream is aborted and the attempt's lease shortened, so a redelivered result may still
/// land. A manifest the origin does not want in full (unsafe or repeated names, too many or too large files) or files that
/// do not match it are not a violation: the result is recorded without those files and its message says which.
/// </remarks>
public sealed partial class RemoteAttemptRunner : IRemoteAttemptRunner, ITaskResumeServer
{
    private readonly TaskStore _store;
    private readonly InputCache _cache;
    private readonly ITaskTransport _transport;
    private readonly RemoteAttemptOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the runner.</summary>
    /// <param name="store">The origin's task store; the attempt's transitions go through it.</param>
    /// <param name="cache">The origin's input cache; inputs are sent from it.</param>
    /// <param name="transport">Opens streams to executors.</param>
    /// <param name="options">Limits and timeouts; validated here.</param>
    /// <param name="time">The clock for leases and timeouts.</param>
    /// <param name="logger">The logger.</param>
    public RemoteAttemptRunner(TaskStore store, InputCache cache, ITaskTransport transport, RemoteAttemptOptions options, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        _store = store;
        _cache = cache;
        _transport = transport;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <inheritdoc />
    public TimeSpan LeaseDuration => _options.LeaseDuration;

    /// <inheritdoc />
    public TimeSpan ResumeGrace => _options.ResumeGrace;

    /// <summary>Raised (on the conversation's thread) after output chunks were appended to the store, to wake output followers.</summary>
    public event EventHandler? OutputStored;

    /// <summary>
    /// Runs one attempt of <paramref name="record"/> on <paramref name="peer"/>. The caller has started the attempt in the
    /// store (<see cref="TaskStore.TryStartAttempt"/> with <paramref name="attempt"/> and <paramref name="peer"/>).
    /// </summary>
    /// <param name="record">The task.</param>
    /// <param name="attempt">The attempt, running in the store.</param>
    /// <param name="peer">The executor's peer id.</param>
    /// <param name="kill">
    /// Cancelled when the user cancelled the task: the executor is sent Cancel and has <see cref="RemoteAttemptOptions.CancelGrace"/>
    /// to report; its result is acknowledged (the store refuses it: the outcome is Completed with
    /// <see cref="CompletionOutcome.Duplicate"/>). Without a result in time, the outcome is Broken.
    /// </param>
    /// <returns>How the attempt ended; never throws for anything the executor did.</returns>
    public async Task<RemoteAttemptOutcome> RunAsync(TaskRecord record, AttemptId attempt, string peer, CancellationToken kill)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentException.ThrowIfNullOrEmpty(peer);
        var taskText = record.Id.ToString();
        var attemptText = attempt.ToString();
        if (record.Spec.Inputs.FirstOrDefault(input => !_cache.Contains(input.Sha256)) is { } missing)
        {
            var failure = new TaskResult
            {
                Reason = TaskEndReason.StartFailed,
                Message = $"input {missing.Name} ({missing.Sha256}) is no longer in the cache",
            };
            var completion = _store.TryComplete(record.Id, attempt, failure);
            LogInputMissing(_logger, taskText, attemptText, missing.Name, completion.ToString());
            return RemoteAttemptOutcome.Completed(completion, failure.Message);
        }

        IDuplexChannel stream;
        try
        {
            stream = await OpenAsync(peer, kill).ConfigureAwait(false);
        }
        catch (PeerUnreachableException ex)
        {
            LogUnreachable(_logger, taskText, attemptText, peer, ex.Message);
            return RemoteAttemptOutcome.Unreachable(ex.Message);
        }
        catch (OperationCanceledException) when (kill.IsCancellationRequested)
        {
            var message = $"the attempt was cancelled before a stream to {peer} was open";
            ShortenLease(record.Id, attempt);
            LogBroken(_logger, taskText, attemptText, peer, message);
            return RemoteAttemptOutcome.Broken(message);
        }

        await using (stream.ConfigureAwait(false))
        {
            var conversation = new RemoteConversation(stream, record.Id, attempt, record.Spec, peer, ConversationPhase.AwaitingAcceptance)
            {
                InputsAllowed = true,
                Kill = kill,
            };
            try
            {
                var request = new RunRequestMessage(attempt, record.Id, record.Spec, _options.LeaseDuration);
                await SendAsync(conversation, request).ConfigureAwait(false);
                await GrantAsync(conversation, _options.InitialCredit).ConfigureAwait(false);
            }
            catch (ArgumentException ex)
            {
                // The writer refuses a request every executor would refuse: report it as the executor would, without sending.
                stream.Abort();
                LogRefused(_logger, taskText, attemptText, peer, RunRefusalReason.BadSpec.ToString(), ex.Message);
                return RemoteAttemptOutcome.Refused(RunRefusalReason.BadSpec, $"the task cannot be sent: {ex.Message}");
            }
            catch (Exception ex) when (IsStreamFailure(ex))
            {
                return Break(conversation, $"the request could not be sent: {ex.Message}");
            }

            LogStarted(_logger, taskText, attemptText, peer);
            return await ConverseAsync(conversation, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task<IDuplexChannel> OpenAsync(string peer, CancellationToken kill)
    {
        using var timeout = new CancellationTokenSource(_options.OpenTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, kill);
        try
        {
            return await _transport.OpenAsync(peer, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !kill.IsCancellationRequested)
        {
            throw new PeerUnreachableException($"no stream to {peer} within {_options.OpenTimeout}");
        }
        catch (Exception ex) when (ex is IOException or Libp2pException)
        {
            // The contract's transport throws PeerUnreachableException; a lower layer's failure means the same here.
            throw new PeerUnreachableException($"no stream to {peer}: {ex.Message}", ex);
        }
    }

    private void RaiseOutputStored() => OutputStored?.Invoke(this, EventArgs.Empty);
}
