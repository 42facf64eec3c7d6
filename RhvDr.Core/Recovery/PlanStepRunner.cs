using System.Diagnostics;
using System.Net.Http.Json;
using RhvDr.Core.Plans;
using RhvDr.Core.Replication;

namespace RhvDr.Core.Recovery;

/// <summary>Where a plan step runs: the run, its plan, and for a priority group's steps the group and its VMs.</summary>
/// <param name="Addresses">The VMs' addresses at the recovery site where the plan gives them (name, address); empty without re-IP.</param>
public sealed record PlanStepScope(
    string RunId,
    RunKind Kind,
    string Plan,
    int? PriorityGroup,
    IReadOnlyList<string> Vms,
    IReadOnlyList<(string Vm, string Address)> Addresses)
{
    /// <summary>The run's kind as the environment and the HTTP body name it (failover, failback, test).</summary>
    public string KindText => Kind.ToString().ToLowerInvariant();
}

/// <summary>A plan step that did not succeed; the message names the step and says why.</summary>
public sealed class PlanStepException(string message) : Exception(message);

/// <summary>
/// Executes one pre- or post-step of a recovery plan within a run: a prompt waits for an operator through the run's prompt; a
/// command runs through <c>/bin/sh -c</c> with the run's <c>RHVDR_*</c> variables, its output in the run log, killed with its
/// children at its timeout; an HTTP call sends the run as JSON and expects a 2xx within its timeout. A step that fails throws
/// <see cref="PlanStepException"/> naming the step.
/// </summary>
public sealed class PlanStepRunner(IHttpClientFactory http, TimeProvider time)
{
    public const string HttpClientName = "RhvDr.PlanSteps";

    /// <summary>How many of a failed command's last stderr lines the failure message quotes.</summary>
    private const int StderrTail = 3;

    /// <summary>How long the output of a command that has ended is still read.</summary>
    private static readonly TimeSpan OutputGrace = TimeSpan.FromSeconds(5);

    /// <summary>How much of a failed call's answer the failure message quotes.</summary>
    private const int BodyExcerpt = 200;

    /// <summary>Runs the step; returns a short detail for the run page (what happened).</summary>
    public Task<string> RunAsync(PlanStep step, PlanStepScope scope, IReplicationInteraction run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(run);
        return step.Kind switch
        {
            PlanStepKind.Prompt => PromptAsync(step, scope, run, cancellationToken),
            PlanStepKind.Command => CommandAsync(step, scope, run, cancellationToken),
            _ => HttpAsync(step, scope, run, cancellationToken),
        };
    }

    /// <summary>The variables a command step sees besides the console's own environment.</summary>
    public static IReadOnlyDictionary<string, string> Environment(PlanStepScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["RHVDR_RUN_ID"] = scope.RunId,
            ["RHVDR_RUN_KIND"] = scope.KindText,
            ["RHVDR_PLAN"] = scope.Plan,
            ["RHVDR_PRIORITY_GROUP"] = scope.PriorityGroup?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
            ["RHVDR_VMS"] = string.Join(',', scope.Vms),
            ["RHVDR_VM_ADDRESSES"] = string.Join(',', scope.Addresses.Select(a => $"{a.Vm}={a.Address}")),
        };
        return variables;
    }

    private static async Task<string> PromptAsync(PlanStep step, PlanStepScope scope, IReplicationInteraction run, CancellationToken ct)
    {
        await run.PromptAsync($"{Where(scope)}: {step.Message}", ct).ConfigureAwait(false);
        return "confirmed by an operator";
    }

    private async Task<string> CommandAsync(PlanStep step, PlanStepScope scope, IReplicationInteraction run, CancellationToken ct)
    {
        var timeout = Timeout(step);
        var start = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(step.Command!);
        foreach (var (name, value) in Environment(scope))
        {
            start.Environment[name] = value;
        }

        // The command line is part of the plan (readable by viewers); the environment is never logged.
        await run.LogAsync(RunLogLevel.Info, $"Step '{step.Title}': running {step.Command} (timeout {timeout.TotalSeconds:0} s)", ct).ConfigureAwait(false);
        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new PlanStepException($"Step '{step.Title}' failed: its command could not be started ({ex.Message}).");
        }

        process.StandardInput.Close();
        using var timer = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timer.Token);
        var stderr = new Queue<string>();
        var lines = 0;
        var stdoutRead = ReadLinesAsync(process.StandardOutput, async line =>
        {
            Interlocked.Increment(ref lines);
            await run.LogAsync(RunLogLevel.Info, $"{step.Title}: {line}", CancellationToken.None).ConfigureAwait(false);
        });
        var stderrRead = ReadLinesAsync(process.StandardError, async line =>
        {
            lock (stderr)
            {
                stderr.Enqueue(line);
                if (stderr.Count > StderrTail)
                {
                    stderr.Dequeue();
                }
            }

            await run.LogAsync(RunLogLevel.Warning, $"{step.Title}: {line}", CancellationToken.None).ConfigureAwait(false);
        });

        try
        {
            await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            await DrainAsync(step, Task.WhenAll(stdoutRead, stderrRead), run).ConfigureAwait(false);
            ct.ThrowIfCancellationRequested();
            throw new PlanStepException($"Step '{step.Title}' failed: its command did not finish within {timeout.TotalSeconds:0} s (timeout_seconds) and was killed with its child processes.");
        }

        await DrainAsync(step, Task.WhenAll(stdoutRead, stderrRead), run).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            string[] last;
            lock (stderr)
            {
                last = [.. stderr];
            }

            var reason = last.Length > 0 ? $": {string.Join(" / ", last)}" : " and wrote nothing to stderr";
            throw new PlanStepException($"Step '{step.Title}' failed: its command exited with code {process.ExitCode}{reason}. Its output is in the run log; fix the cause, then resume the run.");
        }

        return $"exited with code 0; {lines} line(s) of output";
    }

    private async Task<string> HttpAsync(PlanStep step, PlanStepScope scope, IReplicationInteraction run, CancellationToken ct)
    {
        var timeout = Timeout(step);
        var method = new HttpMethod((step.Method ?? "GET").ToUpperInvariant());
        var url = new Uri(step.Url!, UriKind.Absolute);
        var shown = Shown(url);
        await run.LogAsync(RunLogLevel.Info, $"Step '{step.Title}': {method} {shown} (timeout {timeout.TotalSeconds:0} s)", ct).ConfigureAwait(false);
        using var request = new HttpRequestMessage(method, url);
        if (method != HttpMethod.Get && method != HttpMethod.Head)
        {
            request.Content = JsonContent.Create(new
            {
                runId = scope.RunId,
                kind = scope.KindText,
                plan = scope.Plan,
                priorityGroup = scope.PriorityGroup,
                vms = scope.Vms,
                addresses = scope.Addresses.Select(a => new { vm = a.Vm, address = a.Address }),
            });
        }

        using var timer = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timer.Token);
        var client = http.CreateClient(HttpClientName);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var status = $"{(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd();
            if (!response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
                var excerpt = body.Length > BodyExcerpt ? $"{body[..BodyExcerpt]}…" : body;
                throw new PlanStepException($"Step '{step.Title}' failed: {method} {shown} answered {status}" +
                    (string.IsNullOrWhiteSpace(excerpt) ? "." : $": {excerpt.ReplaceLineEndings(" ").Trim()}"));
            }

            await run.LogAsync(RunLogLevel.Info, $"Step '{step.Title}': {method} {shown} answered {status}.", ct).ConfigureAwait(false);
            return $"{method} {shown} answered {status}";
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new PlanStepException($"Step '{step.Title}' failed: {method} {shown} did not answer within {timeout.TotalSeconds:0} s (timeout_seconds).");
        }
        catch (HttpRequestException ex)
        {
            throw new PlanStepException($"Step '{step.Title}' failed: {method} {shown} could not be called ({ex.Message}).");
        }
    }

    /// <summary>
    /// Reads what the command wrote until its output closes; a process it left running in the background (a daemon it
    /// started) may hold the output open, so reading stops <see cref="OutputGrace"/> after the command itself ended.
    /// </summary>
    private async Task DrainAsync(PlanStep step, Task readers, IReplicationInteraction run)
    {
        try
        {
            await readers.WaitAsync(OutputGrace, time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await run.LogAsync(RunLogLevel.Warning, $"Step '{step.Title}': the command ended but a process it started keeps its output open; its further output is not logged.", CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static async Task ReadLinesAsync(StreamReader reader, Func<string, Task> line)
    {
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } text)
        {
            if (!string.IsNullOrWhiteSpace(text))
            {
                await line(text.TrimEnd()).ConfigureAwait(false);
            }
        }
    }

    private static TimeSpan Timeout(PlanStep step) => TimeSpan.FromSeconds(step.TimeoutSeconds ?? PlanStep.DefaultTimeoutSeconds);

    /// <summary>The URL as the log shows it: without user info or query, where a token might be.</summary>
    private static string Shown(Uri url) => url.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);

    private static string Where(PlanStepScope scope) =>
        scope.PriorityGroup is { } group ? $"Plan '{scope.Plan}', priority group {group}" : $"Plan '{scope.Plan}'";
}
