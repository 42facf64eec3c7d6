using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using RhvDr.Core.Plans;
using RhvDr.Core.Recovery;
using RhvDr.Core.Replication;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.Recovery;

public sealed class PlanStepRunnerTests
{
    private static readonly PlanStepScope Group1 = new("20261205-130000-abc123", RunKind.Failover, "core-services", 1,
        ["prod-db-002", "prod-db-008"], [("prod-db-002", "10.20.100.10")]);

    private static readonly PlanStepScope WholePlan = new("20261205-130000-abc123", RunKind.Test, "core-services", null, ["prod-db-002"], []);

    [Fact]
    public async Task Command_SeesTheRunsEnvironment_AndItsOutputGoesToTheLog()
    {
        var log = new RecordingRun();
        var step = new PlanStep
        {
            Kind = PlanStepKind.Command,
            Name = "Env",
            Command = """echo "$RHVDR_RUN_ID|$RHVDR_RUN_KIND|$RHVDR_PLAN|$RHVDR_PRIORITY_GROUP|$RHVDR_VMS|$RHVDR_VM_ADDRESSES"; echo careful >&2""",
        };

        var detail = await Runner().RunAsync(step, Group1, log, CancellationToken.None);

        Assert.Contains("info: Env: 20261205-130000-abc123|failover|core-services|1|prod-db-002,prod-db-008|prod-db-002=10.20.100.10", log.Lines);
        Assert.Contains("warning: Env: careful", log.Lines);
        Assert.StartsWith("exited with code 0", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Command_ForThePlan_HasNoGroupAndNoAddressesWithoutReIp()
    {
        var log = new RecordingRun();
        var step = new PlanStep { Kind = PlanStepKind.Command, Name = "Env", Command = """echo "[$RHVDR_PRIORITY_GROUP][$RHVDR_VM_ADDRESSES][$RHVDR_RUN_KIND]" """ };

        await Runner().RunAsync(step, WholePlan, log, CancellationToken.None);

        Assert.Contains("info: Env: [][][test]", log.Lines);
    }

    [Fact]
    public async Task Command_ExitsNonZero_FailsNamingTheStepTheCodeAndTheLastStderrLines()
    {
        var log = new RecordingRun();
        var step = new PlanStep { Kind = PlanStepKind.Command, Name = "DB check", Command = "echo first >&2; echo 'replica lag 40 s' >&2; exit 3" };

        var ex = await Assert.ThrowsAsync<PlanStepException>(() => Runner().RunAsync(step, Group1, log, CancellationToken.None));

        Assert.Contains("Step 'DB check' failed", ex.Message, StringComparison.Ordinal);
        Assert.Contains("exited with code 3", ex.Message, StringComparison.Ordinal);
        Assert.Contains("first / replica lag 40 s", ex.Message, StringComparison.Ordinal);
        Assert.Contains("warning: DB check: replica lag 40 s", log.Lines);
    }

    [Fact]
    public async Task Command_PastItsTimeout_IsKilledWithItsChildren_AndFailsSayingSo()
    {
        var pidFile = Path.Combine(Path.GetTempPath(), $"rhvdr-step-{Guid.NewGuid():N}.pid");
        var step = new PlanStep { Kind = PlanStepKind.Command, Name = "Slow", Command = $"sleep 60 & echo $! > {pidFile}; wait", TimeoutSeconds = 1 };
        try
        {
            var ex = await Assert.ThrowsAsync<PlanStepException>(() => new PlanStepRunner(new NoHttp(), TimeProvider.System).RunAsync(step, Group1, new RecordingRun(), CancellationToken.None));

            Assert.Contains("Step 'Slow' failed: its command did not finish within 1 s (timeout_seconds) and was killed", ex.Message, StringComparison.Ordinal);
            var child = (await File.ReadAllTextAsync(pidFile)).Trim();
            await WaitFor.ConditionAsync(() => !IsAlive(child), $"the command's child process {child} to be gone");
        }
        finally
        {
            File.Delete(pidFile);
        }
    }

    [Fact]
    public async Task Command_LeavesABackgroundProcessHoldingItsOutput_TheStepStillEnds()
    {
        var pidFile = Path.Combine(Path.GetTempPath(), $"rhvdr-step-{Guid.NewGuid():N}.pid");
        var log = new RecordingRun();
        var step = new PlanStep { Kind = PlanStepKind.Command, Name = "Daemon", Command = $"sleep 60 & echo $! > {pidFile}; echo started", TimeoutSeconds = 30 };
        try
        {
            var detail = await Runner().RunAsync(step, Group1, log, CancellationToken.None);

            Assert.StartsWith("exited with code 0", detail, StringComparison.Ordinal);
            Assert.Contains("info: Daemon: started", log.Lines);
            Assert.Contains(log.Lines, l => l.StartsWith("warning: Step 'Daemon': the command ended but a process it started keeps its output open", StringComparison.Ordinal));
        }
        finally
        {
            if (File.Exists(pidFile) && int.TryParse((await File.ReadAllTextAsync(pidFile)).Trim(), out var pid))
            {
                using var daemon = System.Diagnostics.Process.GetProcessById(pid);
                daemon.Kill();
            }

            File.Delete(pidFile);
        }
    }

    [Fact]
    public async Task Command_EnvironmentIsNeverLogged()
    {
        var log = new RecordingRun();
        var step = new PlanStep { Kind = PlanStepKind.Command, Name = "Quiet", Command = "true" };

        await Runner().RunAsync(step, Group1, log, CancellationToken.None);

        Assert.DoesNotContain(log.Lines, l => l.Contains("RHVDR_", StringComparison.Ordinal) || l.Contains("10.20.100.10", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Http_Post_SendsTheRunAsJson_AndSucceedsOn2xx()
    {
        var handler = new Handler(_ => new HttpResponseMessage(HttpStatusCode.NoContent));
        var step = new PlanStep { Kind = PlanStepKind.Http, Name = "Notify", Method = "post", Url = "https://itsm.example.com/api/changes?token=s3cret" };
        var log = new RecordingRun();

        var detail = await Runner(handler).RunAsync(step, Group1, log, CancellationToken.None);

        var request = Assert.Single(handler.Requests);
        Assert.Equal("POST", request.Method);
        using var body = JsonDocument.Parse(request.Body!);
        Assert.Equal("20261205-130000-abc123", body.RootElement.GetProperty("runId").GetString());
        Assert.Equal("failover", body.RootElement.GetProperty("kind").GetString());
        Assert.Equal("core-services", body.RootElement.GetProperty("plan").GetString());
        Assert.Equal(1, body.RootElement.GetProperty("priorityGroup").GetInt32());
        Assert.Equal(["prod-db-002", "prod-db-008"], body.RootElement.GetProperty("vms").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("POST https://itsm.example.com/api/changes answered 204 No Content", detail);
        Assert.DoesNotContain(log.Lines, l => l.Contains("s3cret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Http_Answers500_FailsNamingTheStatusAndTheStartOfTheBody()
    {
        var handler = new Handler(_ => new HttpResponseMessage(HttpStatusCode.InternalServerError) { Content = new StringContent("database is locked\n" + new string('x', 500)) });
        var step = new PlanStep { Kind = PlanStepKind.Http, Name = "Close the change", Method = "POST", Url = "https://itsm.example.com/api/close" };

        var ex = await Assert.ThrowsAsync<PlanStepException>(() => Runner(handler).RunAsync(step, Group1, new RecordingRun(), CancellationToken.None));

        Assert.StartsWith("Step 'Close the change' failed: POST https://itsm.example.com/api/close answered 500 Internal Server Error: database is locked", ex.Message, StringComparison.Ordinal);
        Assert.True(ex.Message.Length < 400, ex.Message);
    }

    [Fact]
    public async Task Http_NoAnswerWithinItsTimeout_FailsSayingSo()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-05T13:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var asked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new Handler(async (_, ct) =>
        {
            asked.TrySetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            return new HttpResponseMessage(HttpStatusCode.OK);
        });
        var step = new PlanStep { Kind = PlanStepKind.Http, Name = "Slow hook", Url = "https://hooks.example.com/dr", TimeoutSeconds = 5 };

        var running = new PlanStepRunner(new Factory(handler), time).RunAsync(step, Group1, new RecordingRun(), CancellationToken.None);
        await asked.Task.WaitAsync(TimeSpan.FromSeconds(30));
        time.Advance(TimeSpan.FromSeconds(5));
        var ex = await Assert.ThrowsAsync<PlanStepException>(() => running);

        Assert.Equal("Step 'Slow hook' failed: GET https://hooks.example.com/dr did not answer within 5 s (timeout_seconds).", ex.Message);
        Assert.Null(Assert.Single(handler.Requests).Body);
    }

    [Fact]
    public async Task Prompt_WaitsForTheOperatorThroughTheRunsPrompt_WithTheMessageAndWhere()
    {
        var log = new RecordingRun();
        var step = new PlanStep { Kind = PlanStepKind.Prompt, Message = "Confirm the DBA is on the bridge." };

        var detail = await Runner().RunAsync(step, Group1, log, CancellationToken.None);

        Assert.Equal("Plan 'core-services', priority group 1: Confirm the DBA is on the bridge.", Assert.Single(log.Prompts));
        Assert.Equal("confirmed by an operator", detail);
    }

    private static PlanStepRunner Runner(Handler? handler = null) => new(handler is null ? new NoHttp() : new Factory(handler), TimeProvider.System);

    private static bool IsAlive(string pid)
    {
        var status = $"/proc/{pid}/status";
        try
        {
            // A zombie (State: Z) has ended; it only waits for its parent to read its exit.
            return File.Exists(status) && !File.ReadAllLines(status).Any(l => l.StartsWith("State:", StringComparison.Ordinal) && l.Contains('Z', StringComparison.Ordinal));
        }
        catch (IOException)
        {
            return false;
        }
    }

    private sealed class RecordingRun : IReplicationInteraction
    {
        public List<string> Lines { get; } = [];

        public List<string> Prompts { get; } = [];

        public Task LogAsync(RunLogLevel level, string message, CancellationToken cancellationToken)
        {
            lock (Lines)
            {
                Lines.Add($"{RunLogLevels.ToText(level)}: {message}");
            }

            return Task.CompletedTask;
        }

        public Task PromptAsync(string instructions, CancellationToken cancellationToken)
        {
            Prompts.Add(instructions);
            return Task.CompletedTask;
        }
    }

    private sealed record Seen(string Method, string? Body);

    private sealed class Handler(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> answer) : HttpMessageHandler
    {
        public Handler(Func<HttpRequestMessage, HttpResponseMessage> answer)
            : this((r, _) => Task.FromResult(answer(r)))
        {
        }

        public List<Seen> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
            Requests.Add(new Seen(request.Method.Method, body));
            return await answer(request, cancellationToken);
        }
    }

    private sealed class Factory(Handler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
    }

    private sealed class NoHttp : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => throw new InvalidOperationException("no HTTP expected");
    }
}
