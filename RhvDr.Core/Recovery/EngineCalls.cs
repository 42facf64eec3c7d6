using System.Net;
using Polly;
using Polly.Retry;
using RhvDr.Core.Ovirt;

namespace RhvDr.Core.Recovery;

/// <summary>
/// How a run talks to engines: reads retried on transient errors, actions done as "check, act, check again" so a lost
/// answer or a retried call never does a thing twice, and bounded waits for the state an action leads to.
/// </summary>
/// <remarks>
/// The retries are one Polly pipeline (linear backoff on the run's clock, each retry logged to the run). The pipeline
/// decides when to try again; what one attempt is stays here, because an action's attempt begins by checking whether an
/// earlier attempt already got through.
/// </remarks>
public sealed class EngineCalls
{
    private static readonly ResiliencePropertyKey<(string What, string Then)> CallKey = new("rhvdr.engine-call");

    private readonly RunContext _run;
    private readonly RecoveryOptions _options;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline _retry;

    public EngineCalls(RunContext run, RecoveryOptions options, TimeProvider time)
    {
        _run = run;
        _options = options;
        _time = time;
        _retry = BuildRetry(run, options, time);
    }

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
        return await ExecuteAsync($"Reading {what}", "retrying", read, cancellationToken).ConfigureAwait(false);
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
        var attempt = 0;
        return await ExecuteAsync(what, "checking and retrying", async ct =>
        {
            attempt++;
            if (!(attempt == 1 && checkedNotDone) && await ReadAsync(what, isDone, ct).ConfigureAwait(false))
            {
                return attempt > 1;
            }

            try
            {
                await act(ct).ConfigureAwait(false);
                return true;
            }
            catch (OvirtFaultException fault) when (fault.StatusCode == HttpStatusCode.Conflict)
            {
                if (await ReadAsync(what, isDone, ct).ConfigureAwait(false))
                {
                    return true;
                }

                throw;
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits until <paramref name="condition"/> holds; throws a <see cref="TimeoutException"/> naming <paramref name="what"/> otherwise.</summary>
    public async Task WaitAsync(string what, Func<CancellationToken, Task<bool>> condition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = _time.GetUtcNow() + timeout;
        while (!await ReadAsync(what, condition, cancellationToken).ConfigureAwait(false))
        {
            if (_time.GetUtcNow() > deadline)
            {
                throw new TimeoutException($"Timed out after {timeout} waiting for {what}.");
            }

            await Task.Delay(_options.PollInterval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<T> ExecuteAsync<T>(string what, string then, Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(CallKey, (what, then));
        try
        {
            return await _retry.ExecuteAsync(
                static async (ctx, attempt) => await attempt(ctx.CancellationToken).ConfigureAwait(false), context, attempt).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static ResiliencePipeline BuildRetry(RunContext run, RecoveryOptions options, TimeProvider time)
    {
        var retries = options.OperationAttempts - 1;
        if (retries < 1)
        {
            return ResiliencePipeline.Empty;
        }

        return new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
                MaxRetryAttempts = retries,
                BackoffType = DelayBackoffType.Linear,
                UseJitter = false,
                // A step of at most a second: engines answer again within seconds of a hiccup, and a run is waited on.
                Delay = TimeSpan.FromTicks(Math.Min(options.PollInterval.Ticks, TimeSpan.FromSeconds(1).Ticks)),
                OnRetry = async args =>
                {
                    var (what, then) = args.Context.Properties.TryGetValue(CallKey, out var call) ? call : ("An engine call", "retrying");
                    await run.LogAsync(RunLogLevel.Warning, $"{what} failed ({args.Outcome.Exception?.Message}); {then} ({args.AttemptNumber + 1}/{retries}).", args.Context.CancellationToken).ConfigureAwait(false);
                },
            })
            .Build();
    }
}
