using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using RhvDr.Core.Ovirt;
using RhvDr.Core.Recovery;

namespace RhvDr.Tests.Recovery;

/// <summary>How a run retries engine calls: what is retried, how often, what the run's log says, and that an action is never done twice.</summary>
public sealed class EngineCallsTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 12, 5, 8, 0, 0, TimeSpan.Zero);

    private readonly RunContext _run = new(
        new RunDetails(
            new RecoveryRun { Id = "run-1", Kind = RunKind.Test, Mode = RunMode.Planned, SourceSite = "primary", TargetSite = "recovery", RequestedBy = "alice", CreatedAt = Start },
            [], [], []),
        new MemoryRunStore(), new RunNotifier(TimeProvider.System), TimeProvider.System, NullLogger.Instance, CancellationToken.None);

    private readonly EngineCalls _calls;

    public EngineCallsTests()
    {
        _calls = new EngineCalls(_run, new RecoveryOptions { OperationAttempts = 4, PollInterval = TimeSpan.FromMilliseconds(1) }, TimeProvider.System);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _run.DisposeAsync().AsTask();

    [Fact]
    public async Task Read_TransientFailuresThenAnAnswer_ReturnsTheAnswerAndLogsEachRetry()
    {
        var calls = 0;
        var result = await _calls.ReadAsync("hosts", _ => ++calls < 3 ? throw new HttpRequestException("connection reset") : Task.FromResult(7), CancellationToken.None);

        Assert.Equal(7, result);
        Assert.Equal(3, calls);
        Assert.Equal(
            ["Reading hosts failed (connection reset); retrying (1/3).", "Reading hosts failed (connection reset); retrying (2/3)."],
            _run.Details.Log.Where(l => l.Level == RunLogLevel.Warning).Select(l => l.Message));
    }

    [Fact]
    public async Task Read_AlwaysFailing_GivesUpAfterTheConfiguredAttemptsWithTheEngineError()
    {
        var calls = 0;
        var error = await Assert.ThrowsAsync<HttpRequestException>(() =>
            _calls.ReadAsync<int>("hosts", _ => { calls++; throw new HttpRequestException("connection refused"); }, CancellationToken.None));

        Assert.Equal("connection refused", error.Message);
        Assert.Equal(4, calls);
    }

    [Fact]
    public async Task Read_EngineRefusal_IsNotRetried()
    {
        var calls = 0;
        await Assert.ThrowsAsync<OvirtFaultException>(() =>
            _calls.ReadAsync<int>("the VM", _ => { calls++; throw new OvirtFaultException("Not Found", null, HttpStatusCode.NotFound); }, CancellationToken.None));

        Assert.Equal(1, calls);
        Assert.Empty(_run.Details.Log);
    }

    [Fact]
    public async Task Act_AnswerLostAfterTheWorkWasDone_ChecksAgainAndDoesNotActTwice()
    {
        var done = false;
        var acts = 0;
        var acted = await _calls.ActAsync("Start vm-1", _ => Task.FromResult(done), _ =>
        {
            acts++;
            done = true;
            throw new HttpRequestException("the answer was lost");
        }, CancellationToken.None);

        Assert.True(acted);
        Assert.Equal(1, acts);
        Assert.Contains(_run.Details.Log, l => l.Message == "Start vm-1 failed (the answer was lost); checking and retrying (1/3).");
    }

    [Fact]
    public async Task Act_WorkAlreadyDone_DoesNotAct()
    {
        var acts = 0;
        var acted = await _calls.ActAsync("Start vm-1", _ => Task.FromResult(true), _ => { acts++; return Task.CompletedTask; }, CancellationToken.None);

        Assert.False(acted);
        Assert.Equal(0, acts);
    }

    [Fact]
    public async Task Act_ConflictThatLeavesTheWorkDone_CountsAsDone_OtherwiseThrows()
    {
        var checks = 0;
        var acted = await _calls.ActAsync("Activate data1", _ => Task.FromResult(checks++ > 0),
            _ => throw new OvirtFaultException("Conflict", "already active", HttpStatusCode.Conflict), CancellationToken.None);
        Assert.True(acted);

        await Assert.ThrowsAsync<OvirtFaultException>(() => _calls.ActAsync("Activate data2", _ => Task.FromResult(false),
            _ => throw new OvirtFaultException("Conflict", "locked", HttpStatusCode.Conflict), CancellationToken.None));
    }

    private sealed class MemoryRunStore : IRunStore
    {
        public Task SaveRunAsync(RecoveryRun run, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task SaveStepAsync(RunStep step, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task SaveVmAsync(VmOutcome vm, long sequence, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task AppendLogAsync(RunLogEntry entry, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<RecoveryRun?> GetRunAsync(string id, CancellationToken cancellationToken) => Task.FromResult<RecoveryRun?>(null);

        public Task<RunDetails?> GetDetailsAsync(string id, int logLimit, CancellationToken cancellationToken) => Task.FromResult<RunDetails?>(null);

        public Task<IReadOnlyList<RecoveryRun>> ListRunsAsync(int limit, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<RecoveryRun>>([]);

        public Task<IReadOnlyList<RecoveryRun>> ListActiveRunsAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<RecoveryRun>>([]);
    }
}
