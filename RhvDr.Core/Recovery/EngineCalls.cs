using System.Net;
using RhvDr.Core.Ovirt;

namespace RhvDr.Core.Recovery;

/// <summary>
/// How a run talks to engines: reads retried on transient errors, actions done as "check, act, check again" so a lost
/// answer or a retried call never does a thing twice, and bounded waits for the state an action leads to.
/// </summary>
public sealed class EngineCalls(RunContext run, RecoveryOptions options, TimeProvider time)
{
    public static bool IsTransient(Exception ex) => ex switch
    {
        EngineUnreachableException => true,
        OvirtFaultException fault => (int)fault.StatusCode >= 500 || fault.StatusCode == HttpStatusCode.RequestTimeout,
        HttpRequestException or TimeoutException => true,
        _ => false,
    };

    public async Task<T> ReadAsync<T>(string what, Func<CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await read(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsTransient(ex) && attempt < options.OperationAttempts && !cancellationToken.IsCancellationRequested)
            {
                await run.LogAsync("warning", $"Reading {what} failed ({ex.Message}); retrying ({attempt}/{options.OperationAttempts - 1}).", cancellationToken).ConfigureAwait(false);
                await BackoffAsync(attempt, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Acts unless <paramref name="isDone"/> says the work is already done. A transient error is retried after checking again;
    /// an engine refusal (409) that leaves the work done counts as done (another attempt got through).
    /// </summary>
    /// <param name="checkedNotDone">The caller has just read that the work is not done: the first check is skipped (retries still check).</param>
    /// <returns>True when this call acted; false when the work was already done.</returns>
    public async Task<bool> ActAsync(string what, Func<CancellationToken, Task<bool>> isDone, Func<CancellationToken, Task> act, CancellationToken cancellationToken, bool checkedNotDone = false)
    {
        ArgumentNullException.ThrowIfNull(isDone);
        ArgumentNullException.ThrowIfNull(act);
        for (var attempt = 1; ; attempt++)
        {
            if (!(attempt == 1 && checkedNotDone) && await ReadAsync(what, isDone, cancellationToken).ConfigureAwait(false))
            {
                return attempt > 1;
            }

            try
            {
                await act(cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (Exception ex) when (IsTransient(ex) && attempt < options.OperationAttempts && !cancellationToken.IsCancellationRequested)
            {
                await run.LogAsync("warning", $"{what} failed ({ex.Message}); checking and retrying ({attempt}/{options.OperationAttempts - 1}).", cancellationToken).ConfigureAwait(false);
                await BackoffAsync(attempt, cancellationToken).ConfigureAwait(false);
            }
            catch (OvirtFaultException fault) when (fault.StatusCode == HttpStatusCode.Conflict)
            {
                if (await ReadAsync(what, isDone, cancellationToken).ConfigureAwait(false))
                {
                    return true;
                }

                throw;
            }
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds; throws a <see cref="TimeoutException"/> naming <paramref name="what"/> otherwise.</summary>
    public async Task WaitAsync(string what, Func<CancellationToken, Task<bool>> condition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + timeout;
        while (!await ReadAsync(what, condition, cancellationToken).ConfigureAwait(false))
        {
            if (time.GetUtcNow() > deadline)
            {
                throw new TimeoutException($"Timed out after {timeout} waiting for {what}.");
            }

            await Task.Delay(options.PollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private Task BackoffAsync(int attempt, CancellationToken cancellationToken)
    {
        var step = TimeSpan.FromTicks(Math.Min(options.PollInterval.Ticks, TimeSpan.FromSeconds(1).Ticks));
        return Task.Delay(step * attempt, time, cancellationToken);
    }
}
