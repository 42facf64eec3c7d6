using System.Globalization;
using RhvDr.Core.Ovirt;
using RhvDr.Core.Sites;

namespace RhvDr.Core.Readiness.Checks;

/// <summary>
/// The recovery site's hosts that are up can start every VM now running at the primary on top of what they run already
/// (memory at <see cref="ReadinessOptions.UsableMemoryFraction"/>, vCPUs at <see cref="ReadinessOptions.CpuOvercommitRatio"/>
/// per logical CPU), and no replicated domain is too full to start VMs from.
/// </summary>
public sealed class RecoveryCapacityCheck : IReadinessCheck
{
    private const double GiB = 1L << 30;

    public string Id => "capacity";

    public string Title => "Recovery site capacity";

    public int Weight => 15;

    public Task<CheckResult> EvaluateAsync(ReadinessContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Primary is not { } primary || context.Recovery is not { } recovery)
        {
            return Task.FromResult(CheckResult.CannotRun("a primary and a recovery site must both be configured", "Configure RhvDr:Sites."));
        }
        if (recovery.Inventory.CollectedAt == DateTimeOffset.MinValue)
        {
            return Task.FromResult(CheckResult.CannotRun($"the engine of {SiteName.Of(recovery.Site)} has not been read yet (see Engines reachable and authenticated)",
                "Bring the recovery engine back; capacity is checked from its hosts."));
        }
        if (primary.Inventory.CollectedAt == DateTimeOffset.MinValue)
        {
            return Task.FromResult(CheckResult.CannotRun($"the engine of {SiteName.Of(primary.Site)} has not been read yet, so what runs there is unknown",
                "Bring the primary engine back; capacity is checked against the VMs running there."));
        }

        var options = context.Options;
        var running = primary.Inventory.Vms.Where(v => v.IsRunning).ToList();
        var neededMemory = running.Sum(v => v.MemoryBytes);
        var neededCpus = running.Sum(v => (long)v.Cpus);

        var hostsUp = recovery.Inventory.Hosts.Where(h => h.State == HostStatus.Up).ToList();
        var recoveryRunning = recovery.Inventory.Vms.Where(v => v.IsRunning).ToList();
        var freeMemory = (hostsUp.Sum(h => (double)h.MemoryBytes) * options.UsableMemoryFraction) - recoveryRunning.Sum(v => (double)v.MemoryBytes);
        var freeCpus = (hostsUp.Sum(h => (double)h.Cpus) * options.CpuOvercommitRatio) - recoveryRunning.Sum(v => (double)v.Cpus);

        var evidence = new List<string>
        {
            Line($"Memory: {running.Count} running VM(s) at the primary need {neededMemory / GiB:0} GiB; {hostsUp.Count} of {recovery.Inventory.Hosts.Count} recovery host(s) up have {Math.Max(0, freeMemory) / GiB:0} GiB free"),
            Line($"CPU: they need {neededCpus} vCPU(s); the recovery hosts up can give {Math.Max(0, freeCpus):0} (at {options.CpuOvercommitRatio:0.#} vCPU per logical CPU)"),
        };
        var problems = new List<string>();
        var warnings = new List<string>();
        if (neededMemory > freeMemory)
        {
            problems.Add(Line($"Memory short by {(neededMemory - freeMemory) / GiB:0} GiB"));
        }
        else if (neededMemory > 0.9 * freeMemory)
        {
            warnings.Add(Line($"Memory headroom under 10% ({(freeMemory - neededMemory) / GiB:0} GiB left)"));
        }
        if (neededCpus > freeCpus)
        {
            problems.Add(Line($"vCPUs short by {neededCpus - freeCpus:0}"));
        }

        var protectedDomains = context.ProtectedDomainNames;
        foreach (var domain in primary.Inventory.StorageDomains.Where(d => protectedDomains.Contains(d.Name)))
        {
            if (domain.UsedFraction >= HealthRules.StorageCriticalFraction)
            {
                problems.Add(Line($"Storage: {domain.Name} is {domain.UsedFraction:P0} full; its replica would block new disks and snapshots at recovery"));
            }
            else if (domain.UsedFraction >= HealthRules.StorageWarningFraction)
            {
                warnings.Add(Line($"Storage: {domain.Name} is {domain.UsedFraction:P0} full"));
            }
        }

        const string remediation = "Add or repair recovery hosts (or free memory there by stopping recovery-site VMs that can wait), or grow the replicated storage before it fills; until then decide which VMs not to start at failover.";
        if (problems.Count > 0)
        {
            return Task.FromResult(CheckResult.Fail("The recovery site cannot start every VM that runs at the primary.", [.. problems, .. warnings, .. evidence], remediation));
        }
        if (warnings.Count > 0)
        {
            return Task.FromResult(CheckResult.Warn("The recovery site can start every VM, with little to spare.", [.. warnings, .. evidence], remediation));
        }
        return Task.FromResult(CheckResult.Pass("The recovery site can start every VM that runs at the primary.", evidence));
    }

    private static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
