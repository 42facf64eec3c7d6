using Microsoft.Extensions.Logging.Abstractions;
using RhvDr.Core.Recovery;

namespace RhvDr.Tests.Recovery;

/// <summary>
/// How a run's writes reach the store: in the order they were made, VM outcomes of a burst in few transactions, a save's
/// task completing only once the change is stored, and nothing lost when the run ends with writes still queued.
/// </summary>
public sealed class RunJournalTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 5, 8, 0, 0, TimeSpan.Zero);

    private static readonly RecoveryRun Run = new()
    {
        Id = "run-1",
        Kind = RunKind.Failover,
        Mode = RunMode.Planned,
        SourceSite = "primary",
        TargetSite = "recovery",
        RequestedBy = "alice",
        CreatedAt = Start,
    };

    private readonly RecordingRunStore _store = new();

    [Fact]
    public async Task Writes_MadeOneAfterAnother_ReachTheStoreInThatOrder()
    {
        await using var journal = new RunJournal(_store, NullLogger.Instance, Run.Id);

        var writes = new[]
        {
            journal.SaveRunAsync(Run with { LastSequence = 1 }),
            journal.AppendLogAsync(Log(2)),
            journal.SaveStepAsync(Step("import-domains"), Run with { LastSequence = 3 }),
            journal.SaveVmAsync(Vm("vm-1"), 4),
            journal.AppendLogAsync(Log(5)),
        };
        await Task.WhenAll(writes);

        Assert.Equal(["run 1", "log 2", "step import-domains", "run 3", "vms vm-1@4", "log 5"], _store.Writes);
    }

    [Fact]
    public async Task VmBurst_WhileTheStoreIsBusy_IsSavedInOneTransaction()
    {
        await using var journal = new RunJournal(_store, NullLogger.Instance, Run.Id);
        var busy = _store.Hold();
        var first = journal.AppendLogAsync(Log(1));
        Assert.True(await _store.Holding.WaitAsync(TimeSpan.FromSeconds(10)), "the journal never wrote");

        var saves = Enumerable.Range(1, 40).Select(i => journal.SaveVmAsync(Vm($"vm-{i}"), 1 + i)).ToList();
        busy.SetResult();
        await Task.WhenAll(saves.Append(first));

        Assert.Equal(["log 1", $"vms {string.Join(' ', Enumerable.Range(1, 40).Select(i => $"vm-{i}@{1 + i}"))}"], _store.Writes);
    }

    [Fact]
    public async Task VmChangedTwiceInOneRound_IsSavedOnceAsLastChanged()
    {
        await using var journal = new RunJournal(_store, NullLogger.Instance, Run.Id);
        var busy = _store.Hold();
        var first = journal.AppendLogAsync(Log(1));
        Assert.True(await _store.Holding.WaitAsync(TimeSpan.FromSeconds(10)), "the journal never wrote");

        var registered = journal.SaveVmAsync(Vm("vm-1") with { Registered = true }, 2);
        var other = journal.SaveVmAsync(Vm("vm-2"), 3);
        var started = journal.SaveVmAsync(Vm("vm-1") with { Registered = true, Started = true }, 4);
        busy.SetResult();
        await Task.WhenAll(first, registered, other, started);

        Assert.Equal(["log 1", "vms vm-1@4 vm-2@3"], _store.Writes);
        Assert.True(_store.Vms["vm-1"].Started);
    }

    [Fact]
    public async Task SaveVm_TaskCompletes_OnlyOnceTheOutcomeIsInTheStore()
    {
        await using var journal = new RunJournal(_store, NullLogger.Instance, Run.Id);
        var busy = _store.Hold();

        var saved = journal.SaveVmAsync(Vm("vm-1") with { Registered = true }, 1);
        Assert.True(await _store.Holding.WaitAsync(TimeSpan.FromSeconds(10)), "the journal never wrote");

        Assert.False(saved.IsCompleted);
        Assert.Empty(_store.Vms);
        busy.SetResult();
        await saved;
        Assert.True(_store.Vms["vm-1"].Registered);
    }

    [Fact]
    public async Task Complete_WithWritesQueued_ReturnsOnlyOnceAllAreInTheStore()
    {
        var journal = new RunJournal(_store, NullLogger.Instance, Run.Id);
        var busy = _store.Hold();
        _ = journal.AppendLogAsync(Log(1));
        Assert.True(await _store.Holding.WaitAsync(TimeSpan.FromSeconds(10)), "the journal never wrote");
        _ = journal.SaveVmAsync(Vm("vm-1"), 2);
        _ = journal.SaveRunAsync(Run with { LastSequence = 3 });

        var disposing = journal.DisposeAsync().AsTask();
        Assert.False(disposing.IsCompleted);
        busy.SetResult();
        await disposing;

        Assert.Equal(["log 1", "vms vm-1@2", "run 3"], _store.Writes);
    }

    [Fact]
    public async Task Write_AfterTheJournalCompleted_IsStillSaved()
    {
        var journal = new RunJournal(_store, NullLogger.Instance, Run.Id);
        await journal.CompleteAsync();

        await journal.AppendLogAsync(Log(7));

        Assert.Equal(["log 7"], _store.Writes);
    }

    [Fact]
    public async Task FailedWrite_FailsItsTask_AndLaterWritesAreSaved()
    {
        await using var journal = new RunJournal(_store, NullLogger.Instance, Run.Id);
        _store.FailNext = new InvalidOperationException("database is locked");

        var failed = journal.AppendLogAsync(Log(1));
        var next = journal.AppendLogAsync(Log(2));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => failed);
        Assert.Equal("database is locked", error.Message);
        await next;
        Assert.Equal(["log 2"], _store.Writes);
    }

    [Fact]
    public async Task RunContext_ChangesFromParallelTasks_AreStoredWithTheSequenceNumbersPublished()
    {
        await using var context = new RunContext(new RunDetails(Run, [], [], []), _store, new RunNotifier(TimeProvider.System), TimeProvider.System, NullLogger.Instance, CancellationToken.None);

        await Task.WhenAll(Enumerable.Range(1, 20).Select(i => Task.Run(async () =>
        {
            await context.SaveVmAsync(Vm($"vm-{i}"));
            await context.UpdateVmAsync($"vm-{i}", v => v with { Registered = true });
            await context.LogAsync(RunLogLevel.Info, $"VM {i} registered.", CancellationToken.None);
        })));
        await context.CompleteWritesAsync();

        Assert.Equal(60, context.Run.LastSequence);
        Assert.All(Enumerable.Range(1, 20), i => Assert.True(_store.Vms[$"vm-{i}"].Registered));
        Assert.Equal(20, _store.Writes.Count(w => w.StartsWith("log ", StringComparison.Ordinal)));
        var logged = _store.Writes.Where(w => w.StartsWith("log ", StringComparison.Ordinal)).Select(w => long.Parse(w[4..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(logged.Order(), logged);
        Assert.Equal(context.Details.Log.Select(l => l.Sequence), logged);
    }

    private static RunLogEntry Log(long sequence) => new(Run.Id, sequence, Start, RunLogLevel.Info, $"line {sequence}");

    private static RunStep Step(string name) => new() { RunId = Run.Id, Index = 0, Name = name, Title = name };

    private static VmOutcome Vm(string id) => new() { RunId = Run.Id, VmId = id, VmName = id, WasRunning = true };

    /// <summary>Records each write as a line; can hold writes (the store busy) and fail the next one.</summary>
    private sealed class RecordingRunStore : IRunStore
    {
        private readonly Lock _sync = new();
        private readonly List<string> _writes = [];
        private readonly Dictionary<string, VmOutcome> _vms = new(StringComparer.Ordinal);
        private TaskCompletionSource? _hold;

        /// <summary>Released when a write starts waiting on <see cref="Hold"/>.</summary>
        public SemaphoreSlim Holding { get; } = new(0);

        public Exception? FailNext { get; set; }

        public IReadOnlyList<string> Writes
        {
            get
            {
                lock (_sync)
                {
                    return [.. _writes];
                }
            }
        }

        public IReadOnlyDictionary<string, VmOutcome> Vms
        {
            get
            {
                lock (_sync)
                {
                    return new Dictionary<string, VmOutcome>(_vms, StringComparer.Ordinal);
                }
            }
        }

        /// <summary>Holds the next write (and everything after it) until the returned source is set.</summary>
        public TaskCompletionSource Hold()
        {
            _hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _hold;
        }

        public Task SaveRunAsync(RecoveryRun run, CancellationToken cancellationToken) => RecordAsync($"run {run.LastSequence}");

        public Task SaveStepAsync(RunStep step, CancellationToken cancellationToken) => RecordAsync($"step {step.Name}");

        public Task SaveVmAsync(VmOutcome vm, long sequence, CancellationToken cancellationToken) => SaveVmsAsync([(vm, sequence)], cancellationToken);

        public Task SaveVmsAsync(IReadOnlyList<(VmOutcome Vm, long Sequence)> vms, CancellationToken cancellationToken) =>
            RecordAsync($"vms {string.Join(' ', vms.Select(v => $"{v.Vm.VmId}@{v.Sequence}"))}", () =>
            {
                foreach (var (vm, _) in vms)
                {
                    _vms[vm.VmId] = vm;
                }
            });

        public Task AppendLogAsync(RunLogEntry entry, CancellationToken cancellationToken) => RecordAsync($"log {entry.Sequence}");

        public Task<RecoveryRun?> GetRunAsync(string id, CancellationToken cancellationToken) => Task.FromResult<RecoveryRun?>(null);

        public Task<RunDetails?> GetDetailsAsync(string id, int logLimit, CancellationToken cancellationToken) => Task.FromResult<RunDetails?>(null);

        public Task<IReadOnlyList<RecoveryRun>> ListRunsAsync(int limit, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<RecoveryRun>>([]);

        public Task<IReadOnlyList<RecoveryRun>> ListActiveRunsAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<RecoveryRun>>([]);

        private async Task RecordAsync(string write, Action? apply = null)
        {
            if (_hold is { } hold)
            {
                _hold = null;
                Holding.Release();
                await hold.Task;
            }

            if (FailNext is { } error)
            {
                FailNext = null;
                throw error;
            }

            lock (_sync)
            {
                _writes.Add(write);
                apply?.Invoke();
            }
        }
    }
}
