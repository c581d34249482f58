using Mesh.Core.Execution;
using Mesh.Core.Tasks;

namespace Mesh.Core.Scheduling;

/// <content>One attempt: stage, run under a renewed lease, store the output, return the files, record the result, clean up.</content>
public sealed partial class TaskService
{
    private async Task RunAttemptAsync(TaskRecord record, RunningAttempt attempt)
    {
        var id = attempt.TaskId.ToString();
        var attemptText = attempt.AttemptId.ToString();
        string? workingDirectory = null;
        try
        {
            using var leaseEnd = new CancellationTokenSource();
            var lease = RenewLeaseAsync(attempt, leaseEnd.Token);
            ExecutionResult result;
            var output = new StoredTaskOutput(_store, attempt.TaskId, attempt.AttemptId, _options, _time, _changes.Notify);
            await using (output.ConfigureAwait(false))
            {
                try
                {
                    result = await ExecuteAsync(record, attempt, output).ConfigureAwait(false);
                }
                finally
                {
                    await leaseEnd.CancelAsync().ConfigureAwait(false);
                    await lease.ConfigureAwait(false);
                }
            }

            workingDirectory = result.WorkingDirectory;
            if (attempt.StoppedByNode)
            {
                var requeue = _store.Requeue(attempt.TaskId, attempt.AttemptId, $"the node stopped while attempt {attemptText} ran");
                LogRequeued(_logger, id, attemptText, "the node stopped", requeue.ToString());
                return;
            }

            var taskResult = await ToTaskResultAsync(id, record.Spec, result).ConfigureAwait(false);
            var outcome = _store.TryComplete(attempt.TaskId, attempt.AttemptId, taskResult);
            if (outcome == CompletionOutcome.Accepted)
            {
                await JournalLocalAsync(record, attempt, result, taskResult).ConfigureAwait(false);
            }

            RecordDuration(attempt);
            LogEnded(_logger, id, attemptText, taskResult.Reason.ToString(), taskResult.ExitCode, outcome.ToString());
        }
#pragma warning disable CA1031 // A failure in the node (not the task) must not take the service down; the lease then expires.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogAttemptFailed(_logger, id, attemptText, ex);
        }
        finally
        {
            RemoveWorkingDirectory(id, workingDirectory);
            Finished(attempt);
            attempt.Dispose();
        }
    }

    private async Task<ExecutionResult> ExecuteAsync(TaskRecord record, RunningAttempt attempt, StoredTaskOutput output)
    {
        var spec = record.Spec;
        var missing = spec.Inputs.FirstOrDefault(input => !_cache.Contains(input.Sha256));
        if (missing is not null)
        {
            var now = _time.GetUtcNow();
            return new ExecutionResult
            {
                Outcome = ExecutionOutcome.FailedToStart,
                FailureReason = $"input {missing.Name} ({missing.Sha256}) is no longer in the cache",
                StartedAt = now,
                FinishedAt = now,
            };
        }

        var request = new ExecutionRequest
        {
            TaskId = attempt.TaskId.ToString(),
            AttemptId = attempt.AttemptId.ToString(),
            Argv = spec.Argv,
            Environment = spec.Environment,
            Limits = new ExecutionLimits(
                spec.Resources.Cpu > 0 ? spec.Resources.Cpu : null,
                spec.Resources.Memory > 0 ? spec.Resources.Memory : null),
            Timeout = spec.Timeout,
            Inputs = [.. spec.Inputs.Select(input => new ExecutionInput(input.Name, _cache.PathOf(input.Sha256)))],
            Output = output,
        };
        try
        {
            return await _executor.ExecuteAsync(request, attempt.Kill.Token).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            var now = _time.GetUtcNow();
            return new ExecutionResult { Outcome = ExecutionOutcome.FailedToStart, FailureReason = ex.Message, StartedAt = now, FinishedAt = now };
        }
    }

    private async Task<TaskResult> ToTaskResultAsync(string taskId, TaskSpec spec, ExecutionResult result)
    {
        IReadOnlyList<TaskOutputFile> files = [];
        string? problem = null;
        if (spec.OutputDirectory is { } outputDirectory && result.WorkingDirectory is { } workingDirectory && spec.Outputs.Count > 0
            && result.Outcome != ExecutionOutcome.Cancelled)
        {
            try
            {
                files = await OutputCollector.CollectAsync(workingDirectory, spec.Outputs, outputDirectory, _options.MaxOutputFiles).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                LogOutputFilesFailed(_logger, taskId, ex.Message);
                problem = $"output files could not be returned to {outputDirectory}: {ex.Message}";
            }
        }

        return result.ToTaskResult(spec, files, problem);
    }

    private async Task RenewLeaseAsync(RunningAttempt attempt, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(_options.LeaseRenewInterval, _time, cancellationToken).ConfigureAwait(false);
                if (!_store.TryRenewLease(attempt.TaskId, attempt.AttemptId, _time.GetUtcNow() + _options.LeaseDuration))
                {
                    // Cancelled or taken away: the attempt's result would be refused anyway.
                    LogLeaseLost(_logger, attempt.TaskId.ToString(), attempt.AttemptId.ToString());
                    await attempt.Kill.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The attempt ended.
        }
    }

    private void RemoveWorkingDirectory(string taskId, string? workingDirectory)
    {
        if (workingDirectory is null)
        {
            return;
        }

        try
        {
            if (Directory.Exists(workingDirectory))
            {
                Directory.Delete(workingDirectory, recursive: true);
            }

            // WorkRoot/TASK/ATTEMPT: the task's folder goes too once its last attempt is gone.
            if (Path.GetDirectoryName(workingDirectory) is { } taskDirectory && Directory.Exists(taskDirectory) && !Directory.EnumerateFileSystemEntries(taskDirectory).Any())
            {
                Directory.Delete(taskDirectory);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogCleanupFailed(_logger, taskId, workingDirectory, ex.Message);
        }
    }
}
