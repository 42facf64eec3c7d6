using RhvDr.Core.Ovirt;
using RhvDr.Core.Readiness;
using RhvDr.Core.Sites;

namespace RhvDr.Core.State;

/// <summary>
/// The readiness question while production runs at the recovery site on purpose: could we fail back now? The regular
/// checks judge the normal direction (primary → recovery) and would call a deliberate failover a no-go; this answers for
/// the way home instead: both engines answer, the home site has hosts up and active storage, no run is under way.
/// </summary>
public sealed record FailbackReadiness(ReadinessVerdict Verdict, string Question, IReadOnlyList<string> Blocking, IReadOnlyList<string> Passing)
{
    /// <summary>The failback answer when <paramref name="state"/> is <see cref="DrStateKind.RunningAtRecovery"/>; null otherwise.</summary>
    public static FailbackReadiness? For(DrState state, InventorySnapshot inventory)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(inventory);
        if (state.Kind != DrStateKind.RunningAtRecovery || state.ProductionSite is not { } production)
        {
            return null;
        }
        var away = inventory.Find(production);
        var home = inventory.Sites.FirstOrDefault(s => !string.Equals(s.Site.Name, production, StringComparison.OrdinalIgnoreCase));
        var blocking = new List<string>();
        var passing = new List<string>();
        void Check(bool ok, string pass, string fail) => (ok ? passing : blocking).Add(ok ? pass : fail);

        var homeName = home is null ? "the home site" : SiteName.Of(home.Site);
        var awayName = away is null ? production : SiteName.Of(away.Site);
        Check(home?.Engine.IsReachable == true,
            $"The engine of {homeName} answers.",
            $"The engine of {homeName} does not answer: a failback needs it to import the storage and start the VMs there.");
        Check(away?.Engine.IsReachable == true,
            $"The engine of {awayName}, where production runs, answers.",
            $"The engine of {awayName} does not answer: a planned failback shuts production down there cleanly first.");
        var hostsUp = home?.Inventory.Hosts.Count(h => h.State == HostStatus.Up) ?? 0;
        Check(hostsUp > 0,
            $"{hostsUp} hosts are up at {homeName}.",
            $"No host is up at {homeName}: nothing could run the VMs there.");
        var broken = (away?.Replication ?? []).Concat(home?.Replication ?? []).Where(p => p.State == "broken").Select(p => p.DomainName).Distinct(StringComparer.Ordinal).ToList();
        Check(broken.Count == 0,
            "No replication pair is broken.",
            $"Replication is broken for {string.Join(", ", broken)}: ask the storage admin to resync before failing back.");

        return new FailbackReadiness(
            blocking.Count == 0 ? ReadinessVerdict.Go : ReadinessVerdict.NoGo,
            state.Plans is { Count: > 0 } plans
                ? $"Plan{(plans.Count == 1 ? "" : "s")} {string.Join(", ", plans.Select(p => p.Plan))} run{(plans.Count == 1 ? "s" : "")} at {awayName} after a failover of {(plans.Count == 1 ? "its" : "their")} own; the rest of production runs at {homeName}. Could we fail {(plans.Count == 1 ? "it" : "them")} back to {homeName} now?"
                : $"Production runs at {awayName} after a failover. Could we fail back to {homeName} now?",
            blocking,
            passing);
    }
}
