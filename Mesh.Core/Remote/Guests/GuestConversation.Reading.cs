using Mesh.Core.Tasks.Wire;

namespace Mesh.Core.Remote.Guests;

/// <content>The reader loop: every message from the origin, checked against the attempt and the phase.</content>
internal sealed partial class GuestConversation
{
    /// <summary>
    /// Reads the origin's messages until the stream ends, the conversation stops, or <paramref name="cancellationToken"/>
    /// is cancelled. Never throws: a violation or a broken stream ends the conversation (<see cref="Fail"/>).
    /// </summary>
    public async Task RunReaderAsync(CancellationToken cancellationToken)
    {
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        try
        {
            while (true)
            {
                var message = await TaskWireStream.ReadAsync(_stream.Input, _limits, reading.Token).ConfigureAwait(false);
                if (message is null)
                {
                    Fail(GuestConversationEnd.Broken, "the origin closed the stream");
                    return;
                }

                if (await HandleAsync(message, reading.Token).ConfigureAwait(false) is { } violation)
                {
                    Fail(GuestConversationEnd.Broken, violation);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (reading.IsCancellationRequested)
        {
            // Stopped by us: the conversation is over or the host is stopping.
        }
#pragma warning disable CA1031 // Whatever the stream throws (reset, malformed frame) ends this one conversation only.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Fail(GuestConversationEnd.Broken, ex.Message);
        }
    }

    /// <summary>Takes one message; the violation, when it is one (docs/protocol.md "Task protocol": abort on a message in the wrong phase).</summary>
    private async Task<string?> HandleAsync(TaskMessage message, CancellationToken cancellationToken)
    {
        switch (message)
        {
            case OutputCreditMessage credit when credit.Attempt == Attempt:
                if (credit.Bytes < 0)
                {
                    return "a negative output credit";
                }

                AddCredit(credit.Bytes);
                return null;
            case LeaseRenewedMessage renewed when renewed.Attempt == Attempt:
                _renewed.TrySetResult(true);
                return null;
            case LeaseLostMessage lost when lost.Attempt == Attempt:
                Fail(GuestConversationEnd.LeaseLost, $"the origin took the lease back: {lost.Message}");
                return null;
            case CancelMessage cancel when cancel.Attempt == Attempt:
                return CancelRequested();
            case ResultAckMessage ack when ack.Attempt == Attempt && ack.Task == Task:
                return AckIsExpected() && _ack.TrySetResult(ack) ? null : "a ResultAck before the result or twice";
            case InputDataMessage input when input.Attempt == Attempt:
                if (!InputsAccepted())
                {
                    return $"InputData for {input.Sha256} outside the input transfer";
                }

                await _inputs.Writer.WriteAsync(input, cancellationToken).ConfigureAwait(false);
                return null;
            default:
                return $"unexpected {message.Type} message";
        }
    }

    private string? CancelRequested()
    {
        lock (_lock)
        {
            if (_expectAck)
            {
                // The process already ended and its result is on the way: nothing left to kill.
                return null;
            }
        }

        lock (_lock)
        {
            _cancelled = true;
        }

        KillRequested?.Invoke(this, EventArgs.Empty);
        return null;
    }

    private bool AckIsExpected()
    {
        lock (_lock)
        {
            return _expectAck;
        }
    }

    private bool InputsAccepted()
    {
        lock (_lock)
        {
            return _acceptInputs;
        }
    }
}
