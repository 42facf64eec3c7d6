using System.Collections.Concurrent;
using System.Threading.Channels;
using RhvDr.Core.Ovirt;
using RhvDr.Core.Plans;

namespace RhvDr.Core.Recovery.Procedures;

/// <summary>
/// Start scheduling at the target: a priority queue of registered VMs, a bounded number of starts in flight, and a watcher
/// that reads the booting VMs once per poll and frees a slot as each comes up or runs out of time. The target pipeline feeds
/// it; the order, and what a VM waits for before it is queued, come from <paramref name="policy"/> (HA waves without a
/// recovery plan, priority groups with one). A VM waiting for its turn holds no start slot. In a plan's run a VM starts
/// with its re-IP (cloud-init through the start action), and once up it is verified: the same read per poll follows its
/// guest agent's reported devices, until they show its addresses (the re-IP address where there is one) and its probe
/// answers, or the timeout settles it as up but unverified.
/// </summary>
internal sealed class VmStarts(ProcedureScope scope, IEngineClient client, ConcurrentStep step, IStartPolicy policy, int parallelism, CancellationToken stop)
    : ProcedurePart(scope), IDisposable
{
    /// <summary>The VM's place in the start order (0 first); <see cref="int.MaxValue"/> for one the run does not start.</summary>
    public int RankOf(string vmId) => policy.SkipReason(vmId) is null ? policy.PlaceOf(vmId).Rank : int.MaxValue;

    /// <summary>Booting VMs are read with a search by id (<c>id=A or id=B</c>) of at most this many ids, which keeps the URL short.</summary>
    private const int BootReadsPerSearch = 64;

    /// <summary>How long one attempt of a VM's probe may take; it is tried again each poll until the VM's deadline.</summary>
    private static readonly TimeSpan ProbeAttempt = TimeSpan.FromSeconds(2);

    /// <summary>The addresses a VM's re-IP gave it, which its guest agent must report before it counts as verified.</summary>
    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> _expected = new(StringComparer.Ordinal);

    private readonly StartQueue _queue = new(parallelism);
    private readonly ConcurrentDictionary<string, bool> _queued = new(StringComparer.Ordinal);
    private readonly Lock _sync = new();
    private readonly List<Task> _waiting = [];
    private int _waitingCount;
    private bool _completing;

    /// <summary>Started VMs (with the time they must be up by) for the watcher that polls until they are up; <c>Up</c> for one already up that is still to be verified.</summary>
    private readonly Channel<(string VmId, DateTimeOffset Deadline, bool Up)> _booting = Channel.CreateUnbounded<(string, DateTimeOffset, bool)>();

    /// <summary>The run's "start VMs" step.</summary>
    public ConcurrentStep Step => step;

    /// <summary>The start wave the VM belongs to (its priority group in a plan's run); 0 when it is not to be started.</summary>
    public int WaveOf(string id) => policy.PlaceOf(id).Wave;

    /// <summary>Queues a VM that ran at the source and is not up yet, once: at once, or when the policy lets it start.</summary>
    public void Queue(string id, bool knownDown)
    {
        if (policy.VerifiesGuests && Context.FindVm(id) is { WasRunning: true, Up: true, Failed: false, Verification: VmVerification.None } && _queued.TryAdd(id, true))
        {
            // Up already (a resumed run) but not verified yet: the watcher verifies it, and holds no start slot for it.
            _booting.Writer.TryWrite((id, Context.Now, true));
            return;
        }

        if (Context.FindVm(id) is not { WasRunning: true, Up: false, Failed: false } || !_queued.TryAdd(id, true))
        {
            return;
        }

        if (policy.SkipReason(id) is { } skipped)
        {
            lock (_sync)
            {
                _waiting.Add(Context.UpdateVmAsync(id, o => o with { Reason = skipped, Skipped = true }));
            }

            return;
        }

        var rank = policy.PlaceOf(id).Rank;
        var turn = policy.WhenMayStartAsync(id, stop);
        if (turn.IsCompletedSuccessfully)
        {
            _queue.Enqueue(id, rank, knownDown);
            return;
        }

        lock (_sync)
        {
            _waitingCount++;
            _waiting.Add(QueueInTurnAsync(id, rank, knownDown, turn));
        }
    }

    /// <summary>No more VMs will be queued: the dispatcher ends once the queue drains and no VM waits for its turn.</summary>
    public void Complete()
    {
        lock (_sync)
        {
            _completing = true;
            if (_waitingCount > 0)
            {
                return;
            }
        }

        _queue.Complete();
    }

    private async Task QueueInTurnAsync(string id, int rank, bool knownDown, Task turn)
    {
        try
        {
            await turn.ConfigureAwait(false);
            _queue.Enqueue(id, rank, knownDown);
        }
        finally
        {
            bool last;
            lock (_sync)
            {
                last = --_waitingCount == 0 && _completing;
            }

            if (last)
            {
                _queue.Complete();
            }
        }
    }

    /// <summary>Hands each free start slot to the highest-ranked VM that is ready.</summary>
    public async Task DispatchAsync(CancellationToken ct)
    {
        var starting = new List<Task>();
        try
        {
            while (await _queue.NextAsync(ct).ConfigureAwait(false) is { } next)
            {
                await Context.SafePointAsync().ConfigureAwait(false);
                await Step.BeginAsync().ConfigureAwait(false);
                starting.Add(StartVmAsync(next.VmId, next.KnownDown, ct));
            }

            await Task.WhenAll(starting).ConfigureAwait(false);
            Task[] waiting;
            lock (_sync)
            {
                waiting = [.. _waiting];
            }

            await Task.WhenAll(waiting).ConfigureAwait(false);
        }
        finally
        {
            _booting.Writer.TryComplete();
        }
    }

    /// <summary>Starts one VM only if it is down: a VM that is up or on its way up is never started again. Holds its slot until up.</summary>
    private async Task StartVmAsync(string id, bool knownDown, CancellationToken ct)
    {
        try
        {
            if (!knownDown)
            {
                var status = await Calls.ReadAsync($"VM {id}", c => VmStatusAsync(client, id, c), ct).ConfigureAwait(false);
                switch (status)
                {
                    case null:
                        _queue.Release();
                        await FailVmAsync(id, $"The VM is not registered at {Target}.", ct).ConfigureAwait(false);
                        return;
                    case VmStatus.Up:
                        _queue.Release();
                        await Context.UpdateVmAsync(id, o => o with { Up = true, UpAt = o.UpAt ?? Context.Now }).ConfigureAwait(false);
                        if (policy.VerifiesGuests)
                        {
                            await _booting.Writer.WriteAsync((id, Context.Now, true), ct).ConfigureAwait(false);
                        }

                        return;
                    case not VmStatus.Down:
                        await _booting.Writer.WriteAsync((id, Context.Now + Options.VmUpTimeout, false), ct).ConfigureAwait(false);
                        return;
                }
            }

            // The start is recorded while the engine is asked: a resumed run reads each VM's status before it starts
            // it, so a start the store missed is never repeated. The record is written before the VM counts as booting.
            var body = await StartBodyAsync(id, ct).ConfigureAwait(false);
            var saved = Context.UpdateVmAsync(id, o => o with { Started = true, StartedAt = Context.Now });
            try
            {
                await Calls.ActAsync($"start VM {Context.FindVm(id)?.VmName ?? id}",
                    async c => (await VmStatusAsync(client, id, c).ConfigureAwait(false)) is not VmStatus.Down,
                    c => client.PostActionAsync($"vms/{id}/start", body, Run.Id, c), ct, checkedNotDone: true).ConfigureAwait(false);
            }
            finally
            {
                await saved.ConfigureAwait(false);
            }

            await _booting.Writer.WriteAsync((id, Context.Now + Options.VmUpTimeout, false), ct).ConfigureAwait(false);
        }
        catch (EngineException ex)
        {
            _queue.Release();
            await FailVmAsync(id, $"Start at {Target} failed: {ex.Message}", ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// One read of the booting VMs per poll; a VM up (or past its timeout) frees its slot. Polls begin every
    /// <see cref="RecoveryOptions.PollInterval"/> counted from the previous poll's start, so the reads' own time does not
    /// stretch the interval; a poll that takes longer is followed by the next at once. In a plan's run the same read follows
    /// the guest agents' reports of the VMs being verified.
    /// </summary>
    public async Task WatchBootsAsync(CancellationToken ct)
    {
        var waiting = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var verifying = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var reader = _booting.Reader;
        var polled = Time.GetTimestamp();

        // VMs seen up are saved while the next poll runs: a slow write round must not delay noticing the next boots.
        var saving = new List<Task>();
        while (true)
        {
            while (reader.TryRead(out var started))
            {
                if (started.Up)
                {
                    verifying[started.VmId] = VerifyBy(started.VmId);
                }
                else
                {
                    waiting[started.VmId] = started.Deadline;
                }
            }

            if (waiting.Count == 0 && verifying.Count == 0)
            {
                if (!await reader.WaitToReadAsync(ct).ConfigureAwait(false))
                {
                    await Task.WhenAll(saving).ConfigureAwait(false);
                    return;
                }

                // After an idle spell the interval counts from now: a VM just started is not read at once.
                polled = Time.GetTimestamp();
                continue;
            }

            var wait = Options.PollInterval - Time.GetElapsedTime(polled);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, Time, ct).ConfigureAwait(false);
            }

            polled = Time.GetTimestamp();
            var booting = await BootingVmsAsync([.. waiting.Keys, .. verifying.Keys], ct).ConfigureAwait(false);

            var now = Context.Now;
            var up = waiting.Keys.Where(id => booting.GetValueOrDefault(id)?.StatusValue == VmStatus.Up).ToList();
            var late = waiting.Where(w => !up.Contains(w.Key) && now > w.Value).Select(w => w.Key).ToList();
            foreach (var id in up.Concat(late))
            {
                // The slot goes to the next VM before the outcome is saved.
                waiting.Remove(id);
                _queue.Release();
            }

            if (saving.Find(t => t.IsFaulted) is { } failed)
            {
                await failed.ConfigureAwait(false);
            }

            saving.RemoveAll(t => t.IsCompletedSuccessfully);
            saving.AddRange(up.Select(id => Context.UpdateVmAsync(id, o => o with { Up = true, UpAt = now })));
            if (policy.VerifiesGuests)
            {
                foreach (var id in up)
                {
                    verifying[id] = VerifyBy(id);
                }
            }

            foreach (var id in late)
            {
                await FailVmAsync(id, $"Started but not up within {Options.VmUpTimeout}; its status is {booting.GetValueOrDefault(id)?.Status ?? "unknown"}. Check the VM's events at {Target}.", ct).ConfigureAwait(false);
            }

            if (verifying.Count > 0)
            {
                await VerifyAsync(verifying, booting, now, saving, ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>When an up VM is settled as unverified: its probe's own timeout when it has a probe, else the guest agent timeout.</summary>
    private DateTimeOffset VerifyBy(string id) =>
        Context.Now + (policy.ProbeOf(id) is { } probe ? TimeSpan.FromSeconds(probe.TimeoutSeconds ?? VmProbe.DefaultTimeoutSeconds) : Options.GuestAgentTimeout);

    /// <summary>Settles each VM being verified that is verified now, or whose time is up (as up but unverified, with what was missing).</summary>
    private async Task VerifyAsync(Dictionary<string, DateTimeOffset> verifying, Dictionary<string, OvirtVm> read, DateTimeOffset now, List<Task> saving, CancellationToken ct)
    {
        var checks = await Task.WhenAll(verifying.Keys.ToList().Select(async id => (Id: id, Check: await CheckGuestAsync(id, read.GetValueOrDefault(id), ct).ConfigureAwait(false)))).ConfigureAwait(false);
        foreach (var (id, (verified, note)) in checks)
        {
            if (!verified && now <= verifying[id])
            {
                continue;
            }

            verifying.Remove(id);
            var state = verified ? VmVerification.Verified : VmVerification.UpUnverified;
            saving.Add(Context.UpdateVmAsync(id, o => o with { Verification = state, VerificationNote = note, VerifiedAt = now }));
            if (!verified)
            {
                await Context.LogAsync(RunLogLevel.Warning, $"VM {Context.FindVm(id)?.VmName ?? id} is up but not verified: {note}. The run goes on without it.", ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Whether the VM is verified now: up, its guest agent reports addresses (its re-IP address among them), its probe answers.</summary>
    private async Task<(bool Verified, string Note)> CheckGuestAsync(string id, OvirtVm? vm, CancellationToken ct)
    {
        if (vm?.StatusValue != VmStatus.Up)
        {
            return (false, vm is null ? $"it is no longer at {Target}" : $"it is {vm.Status}, not up");
        }

        var ips = vm.ReportedDevices?.SelectMany(d => d.Ips ?? OvirtCollection<OvirtIp>.Empty).Select(i => i.Address).OfType<string>().ToList() ?? [];
        if (ips.Count == 0)
        {
            return (false, $"its guest agent reported no address within {Options.GuestAgentTimeout} (is the agent installed and running?)");
        }

        var missing = (_expected.GetValueOrDefault(id) ?? []).Where(e => !ips.Contains(e, StringComparer.Ordinal)).ToList();
        var agent = $"guest agent reports {string.Join(", ", ips)}";
        if (missing.Count > 0)
        {
            return (false, $"its {agent}, not the re-IP address {string.Join(", ", missing)}");
        }

        if (policy.ProbeOf(id) is not { } probe)
        {
            return (true, agent);
        }

        var error = await VmProbeRunner.TryAsync(probe, ProbeAttempt, ct).ConfigureAwait(false);
        return error is null ? (true, $"{agent}; probe {VmProbeRunner.Describe(probe)} answered") : (false, $"{agent}; probe {VmProbeRunner.Describe(probe)}: {error}");
    }

    /// <summary>
    /// The start action's body: with the VM's re-IP rows in a plan's run (read at preflight, else now from its own initialization
    /// at the target), cloud-init with its new addresses; otherwise empty.
    /// </summary>
    private async Task<object> StartBodyAsync(string id, CancellationToken ct)
    {
        if (!Scope.ReIp.Active || Context.FindVm(id) is not { } vm)
        {
            return new { };
        }

        var rows = Scope.ReIp.RowsOf(vm.VmName);
        if (rows is null)
        {
            var guests = await Calls.ReadAsync($"VM {vm.VmName}'s initialization at {Target}", c => ReIpGuest.ReadAsync(client, [id], c), ct).ConfigureAwait(false);
            rows = Scope.ReIp.Plan(guests);
            foreach (var row in rows.Where(r => r.Finding is not null))
            {
                await Context.LogAsync(RunLogLevel.Warning, $"Re-IP: {row.Finding}", ct).ConfigureAwait(false);
            }
        }

        var applied = rows.Where(r => r.Applies).ToList();
        if (applied.Count == 0)
        {
            return new { };
        }

        _expected[id] = [.. applied.Select(r => r.New!)];
        await Context.LogAsync(RunLogLevel.Info, $"VM {vm.VmName} starts with re-IP: {string.Join("; ", applied.Select(r => $"{r.Network} {r.Nic} {r.Old} → {r.New}"))}.", ct).ConfigureAwait(false);
        return ReIpAddressing.StartBody(applied);
    }

    /// <summary>
    /// Each booting VM as the engine reports it now: one search by id for up to <see cref="BootReadsPerSearch"/> of them, the searches side
    /// by side. Reading every VM of a large target (thousands) each round would cost more than the boots it watches, and
    /// one read per VM would cost a call per start slot each round.
    /// </summary>
    private async Task<Dictionary<string, OvirtVm>> BootingVmsAsync(IReadOnlyList<string> booting, CancellationToken ct)
    {
        var found = await Task.WhenAll(booting.Chunk(BootReadsPerSearch).Select(ids =>
            Calls.ReadAsync(ids.Length == 1 ? $"VM {Context.FindVm(ids[0])?.VmName ?? ids[0]} starting at {Target}" : $"{ids.Length} VMs starting at {Target}",
                c => client.SearchAsync<OvirtVm>(policy.VerifiesGuests ? "vms?follow=reported_devices" : "vms", string.Join(" or ", ids.Select(id => $"id={id}")), c), ct))).ConfigureAwait(false);
        var now = new Dictionary<string, OvirtVm>(StringComparer.Ordinal);
        foreach (var vm in found.SelectMany(vms => vms).Where(v => v.Id is not null))
        {
            now[vm.Id!] = vm;
        }

        return now;
    }

    public void Dispose()
    {
        policy.Dispose();
        _queue.Dispose();
    }
}
