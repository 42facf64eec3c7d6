using System.Collections.Concurrent;
using RhvDr.Core.Mapping;
using RhvDr.Core.Plans;

namespace RhvDr.Core.Recovery.Procedures;

/// <summary>
/// The start order of a recovery plan's run. Priority groups are barriers: a VM of group N is queued only once every VM of
/// the groups before it that the run starts (it ran at the source, the plan does not skip it) is verified (its guest agent
/// reports its addresses, and its probe answers), settled as up but unverified after the timeout, or has failed. Within its
/// group a VM also waits for the VMs its <c>after</c> names, then for its <c>start_delay_seconds</c>. A VM the plan skips is
/// registered and never started. A VM's wave is its priority group. With <see cref="PlanSteps"/>, a group's pre-steps run
/// before its first VM is queued and its post-steps once the group has settled, before any later group opens.
/// </summary>
internal sealed class PlanStartPolicy : IStartPolicy
{
    private readonly RunContext _context;
    private readonly RunPlan _plan;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, (int Rank, int Wave)> _order = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PlanVm?> _settings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _idByName = new(StringComparer.Ordinal);

    /// <summary>The VMs the run starts: done once up (verified) or failed.</summary>
    private readonly Dictionary<string, TaskCompletionSource> _settled = new(StringComparer.Ordinal);
    private readonly Lock _barrierGate = new();
    private readonly Dictionary<int, Task> _barriers = [];

    /// <summary>The pre- and post-steps of the priority groups; the group's post-steps, begun once per group.</summary>
    private readonly PlanSteps? _steps;
    private readonly CancellationToken _stop;
    private readonly Dictionary<int, Task> _groupsDone = [];
    private readonly TaskCompletionSource _startsOver = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stepsDone = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <param name="verificationTimes">How long each VM (by name) took to verify in recent runs; <paramref name="agentTimeout"/>
    /// stands in for a VM never seen verified whose agent was silent at the source.</param>
    public PlanStartPolicy(
        RunContext context, RunPlan plan, TimeProvider time, PlanSteps? steps = null, CancellationToken stop = default,
        IReadOnlyDictionary<string, TimeSpan>? verificationTimes = null, TimeSpan agentTimeout = default)
    {
        _context = context;
        _plan = plan;
        _time = time;
        _steps = steps;
        _stop = stop;
        if (steps is null)
        {
            _stepsDone.SetResult();
        }

        var wanted = context.Vms.Where(v => v.WasRunning).ToList();
        foreach (var vm in wanted)
        {
            _settings[vm.VmId] = plan.Definition.FindVm(vm.VmName);
            _idByName.TryAdd(vm.VmName, vm.VmId);
        }

        var rank = 0;
        // Inside a group, the VMs with the longest way to go first: their own start to verification (what a recent run
        // measured, else the whole agent timeout for a VM whose agent was silent at the source), plus the longest chain of
        // VMs that start "after" them. Their wait then overlaps the group's other starts instead of holding the group (and
        // every group after it) open at its end.
        var silent = wanted.Where(v => v.NoAgentAtSource).Select(v => v.VmName).ToHashSet(StringComparer.Ordinal);
        TimeSpan Expected(string name) => verificationTimes?.TryGetValue(name, out var seen) == true ? seen
            : silent.Contains(name) ? agentTimeout : TimeSpan.Zero;
        var dependents = wanted.Select(v => (v.VmName, After: _settings[v.VmId]?.After ?? ValueList<string>.Empty))
            .SelectMany(v => v.After.Select(before => (Before: before, v.VmName)))
            .ToLookup(d => d.Before, d => d.VmName, StringComparer.Ordinal);
        var remaining = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        TimeSpan Remaining(string name, int depth)
        {
            if (remaining.TryGetValue(name, out var known))
            {
                return known;
            }

            // A cycle is refused when plans are saved; a walk deeper than the VM count can only be one, and ends there. Each
            // link weighs at least a tick, so without any history a chain's head still goes before its equals.
            var after = depth > wanted.Count ? TimeSpan.Zero
                : dependents[name].Select(d => Remaining(d, depth + 1) + TimeSpan.FromTicks(1)).DefaultIfEmpty(TimeSpan.Zero).Max();
            return remaining[name] = Expected(name) + after;
        }

        foreach (var vm in wanted.OrderBy(v => Priority(v.VmId)).ThenByDescending(v => Remaining(v.VmName, 0)).ThenByDescending(v => v.HighlyAvailable)
            .ThenByDescending(v => v.HighlyAvailable ? v.HaPriority : 0).ThenBy(v => v.VmName, StringComparer.Ordinal))
        {
            _order[vm.VmId] = (rank++, Priority(vm.VmId));
            if (SkipReason(vm.VmId) is null)
            {
                _settled[vm.VmId] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        context.VmChanged += OnVmChanged;
        foreach (var vm in context.Vms)
        {
            Observe(vm);
        }
    }

    /// <summary>Whether a started VM is settled for the groups after it and the VMs that start after it: verified, or up and unverified after the timeout.</summary>
    public static bool IsVerified(VmOutcome vm) => vm.Up && vm.Verification is VmVerification.Verified or VmVerification.UpUnverified;

    public bool VerifiesGuests => true;

    public VmProbe? ProbeOf(string vmId) => _settings.GetValueOrDefault(vmId)?.Probe;

    public (int Rank, int Wave) PlaceOf(string vmId) => _order.TryGetValue(vmId, out var o) ? o : (int.MaxValue, 0);

    public string? SkipReason(string vmId) =>
        _settings.GetValueOrDefault(vmId) is { Skip: true } ? $"Registered, not started: plan '{_plan.Name}' skips it (skip: true)." : null;

    public async Task WhenMayStartAsync(string vmId, CancellationToken ct)
    {
        var priority = Priority(vmId);
        await GroupOpensAsync(priority).WaitAsync(ct).ConfigureAwait(false);

        var settings = _settings.GetValueOrDefault(vmId);
        var after = (settings?.After ?? [])
            .Select(name => _idByName.GetValueOrDefault(name))
            .OfType<string>()
            .Where(id => Priority(id) <= priority && _settled.ContainsKey(id))
            .ToList();
        if (after.Count > 0)
        {
            await Task.WhenAll(after.Select(id => _settled[id].Task)).WaitAsync(ct).ConfigureAwait(false);
        }

        if (settings is { StartDelaySeconds: > 0 } delayed)
        {
            await _context.LogAsync(RunLogLevel.Info, $"VM {Name(vmId)} starts in {delayed.StartDelaySeconds} s (start_delay_seconds of plan '{_plan.Name}').", ct).ConfigureAwait(false);
            await Task.Delay(TimeSpan.FromSeconds(delayed.StartDelaySeconds), _time, ct).ConfigureAwait(false);
        }
    }

    public void Dispose() => _context.VmChanged -= OnVmChanged;

    /// <summary>One barrier task per priority group, begun by the first VM of that group that asks.</summary>
    private Task GroupOpensAsync(int priority)
    {
        lock (_barrierGate)
        {
            if (!_barriers.TryGetValue(priority, out var barrier))
            {
                barrier = OpenGroupAsync(priority);
                _barriers[priority] = barrier;
            }

            return barrier;
        }
    }

    private void OnVmChanged(object? sender, VmChangedEventArgs e) => Observe(e.Vm);

    /// <summary>
    /// Completes once every group's steps are done (<see cref="FinishGroupsAsync"/>); fails as soon as one of them fails, so
    /// the pipeline stops instead of leaving the later groups' VMs waiting for a group that will never open.
    /// </summary>
    public Task GroupStepsAsync(CancellationToken ct) => _stepsDone.Task.WaitAsync(ct);

    private async Task OpenGroupAsync(int priority)
    {
        await WaitForEarlierGroupsAsync(priority).ConfigureAwait(false);
        if (_steps is not null)
        {
            await WatchedAsync(_steps.RunGroupAsync(priority, pre: true, GroupVms(priority), _stop)).ConfigureAwait(false);
        }
    }

    private async Task WatchedAsync(Task steps)
    {
        try
        {
            await steps.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _stepsDone.TrySetException(ex);
            throw;
        }
    }

    /// <summary>
    /// Every VM there is to start has started or will not: runs the post-steps of the groups not done yet, in order, and
    /// marks the steps of groups that started no VM as skipped.
    /// </summary>
    public async Task FinishGroupsAsync()
    {
        if (_steps is null)
        {
            return;
        }

        _startsOver.TrySetResult();
        var withVms = _settled.Keys.Select(Priority).ToHashSet();
        foreach (var priority in withVms.Union(_steps.PrioritiesWithSteps).Order())
        {
            await GroupDoneAsync(priority).ConfigureAwait(false);
        }

        _stepsDone.TrySetResult();
    }

    /// <summary>A group's post-steps, once: after the groups before it, when every VM of the group is up or failed.</summary>
    private Task GroupDoneAsync(int priority)
    {
        lock (_barrierGate)
        {
            if (!_groupsDone.TryGetValue(priority, out var done))
            {
                done = AfterGroupAsync(priority);
                _groupsDone[priority] = done;
            }

            return done;
        }
    }

    private async Task AfterGroupAsync(int priority)
    {
        if (_settled.Keys.Select(Priority).Where(p => p < priority).DefaultIfEmpty(0).Max() is var previous and > 0)
        {
            await GroupDoneAsync(previous).ConfigureAwait(false);
        }

        var members = _settled.Where(s => Priority(s.Key) == priority).ToList();
        await Task.WhenAny(Task.WhenAll(members.Select(s => s.Value.Task)), _startsOver.Task).WaitAsync(_stop).ConfigureAwait(false);
        if (members.Any(s => _context.FindVm(s.Key) is { } vm && (vm.Started || vm.Up)))
        {
            await WatchedAsync(_steps!.RunGroupAsync(priority, pre: false, GroupVms(priority), _stop)).ConfigureAwait(false);
        }
        else
        {
            await _steps!.SkipGroupAsync(priority, $"No VM of priority group {priority} was started by this run.").ConfigureAwait(false);
        }
    }

    /// <summary>The names of the VMs of a priority group the run starts.</summary>
    private List<string> GroupVms(int priority) =>
        [.. _settled.Keys.Where(id => Priority(id) == priority).Select(Name).Order(StringComparer.Ordinal)];

    /// <summary>Every started VM of the groups before <paramref name="priority"/> is up or has failed.</summary>
    private async Task WaitForEarlierGroupsAsync(int priority)
    {
        var before = _settled.Where(s => Priority(s.Key) < priority).ToList();
        if (before.Count == 0)
        {
            return;
        }

        await Task.WhenAll(before.Select(s => s.Value.Task)).ConfigureAwait(false);
        if (_steps is not null)
        {
            await GroupDoneAsync(before.Max(s => Priority(s.Key))).ConfigureAwait(false);
        }

        var failed = before.Select(s => _context.FindVm(s.Key)).Where(v => v is { Failed: true }).Select(v => v!.VmName).ToList();
        var unverified = before.Select(s => _context.FindVm(s.Key)).Where(v => v is { Failed: false, Verification: VmVerification.UpUnverified }).Select(v => v!.VmName).ToList();
        await _context.LogAsync(failed.Count == 0 ? RunLogLevel.Info : RunLogLevel.Warning,
            $"Priority group {priority} of plan '{_plan.Name}' may start: the {before.Count} VM(s) of the groups before it are verified" +
            (unverified.Count == 0 ? "" : $" or up and unverified after the timeout ({string.Join(", ", unverified)})") +
            (failed.Count == 0 ? "." : $" or failed ({string.Join(", ", failed)} failed; the run goes on without them)."), _context.Cancellation).ConfigureAwait(false);
    }

    private void Observe(VmOutcome vm)
    {
        if ((IsVerified(vm) || vm.Failed) && _settled.TryGetValue(vm.VmId, out var settled))
        {
            settled.TrySetResult();
        }
    }

    private int Priority(string vmId) => _settings.GetValueOrDefault(vmId)?.Priority ?? PlanVm.DefaultPriority;

    private string Name(string vmId) => _context.FindVm(vmId)?.VmName ?? vmId;
}
