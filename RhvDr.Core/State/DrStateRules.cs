using System.Globalization;
using RhvDr.Core.Configuration;
using RhvDr.Core.Incidents;
using RhvDr.Core.Recovery;
using RhvDr.Core.Sites;

namespace RhvDr.Core.State;

/// <summary>
/// Computes the <see cref="DrState"/>. Pure: the same inventory, incident board and runs always give the same state.
/// Order of precedence: a run under way (or several: runs of recovery plans with disjoint domains run at once, each is
/// listed); the production site lost; a test to clean up; production at the recovery site;
/// anything open (degraded); normal.
/// </summary>
public static class DrStateRules
{
    private const string IncidentsPage = "/incidents";

    /// <param name="runs">Recent runs, newest first.</param>
    public static DrState Compute(InventorySnapshot inventory, IncidentBoard board, IReadOnlyList<RecoveryRun> runs, DrTopology topology)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(board);
        ArgumentNullException.ThrowIfNull(runs);
        var primary = inventory.Sites.FirstOrDefault(s => s.Site.Role == SiteRole.Primary)?.Site;
        var recovery = inventory.Sites.FirstOrDefault(s => s.Site.Role == SiteRole.Recovery)?.Site;
        if (primary is null || recovery is null || inventory.Sites.All(s => s.Engine.Status == EngineConnectionStatus.Unknown))
        {
            return DrState.Initial;
        }
        string Name(string site) => inventory.Find(site) is { } found ? SiteName.Of(found.Site) : site;

        // Where production runs: the last failover or evacuation of the whole estate that succeeded moved it, the last
        // failback or return brought it home. A failover of one recovery plan moves only that plan (see PlansAway).
        var moved = runs.FirstOrDefault(r => r.Status == RunStatus.Succeeded && r.Kind is RunKind.Failover or RunKind.Failback or RunKind.Evacuate or RunKind.Return && !IsPlanRun(r));
        var awayFromHome = moved?.Kind is RunKind.Failover or RunKind.Evacuate;
        var production = awayFromHome ? moved!.TargetSite : primary.Name;
        var home = awayFromHome ? moved!.SourceSite : primary.Name;
        var plansAway = awayFromHome ? [] : PlansAway(runs);

        var active = runs.Where(r => r.IsActive).ToList();
        if (active.Count > 0)
        {
            return (active.Count == 1 ? Running(active[0], production, Name) : RunningAtOnce(active, production, Name))
                with { Plans = plansAway, ActiveRuns = [.. active.Select(DrActiveRun.From)] };
        }

        var open = board.Open.ToList();
        var lost = open
            .Where(i => i.Kind == IncidentKind.SiteDown || (i.Kind == IncidentKind.EngineUnreachable && topology == DrTopology.ActivePassive))
            .SelectMany(i => i.Site.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        // Active/Active runs production at both sites: losing either is losing production.
        var lostProduction = lost.FirstOrDefault(s => string.Equals(s, production, StringComparison.OrdinalIgnoreCase))
            ?? lost.FirstOrDefault(s => plansAway.Any(p => string.Equals(p.Site, s, StringComparison.OrdinalIgnoreCase)))
            ?? (topology == DrTopology.ActiveActive ? lost.FirstOrDefault() : null);
        // Neither engine answers: a failover needs the target's engine, and the likelier cause is the console's own network.
        if (topology == DrTopology.ActivePassive && lostProduction is not null
            && inventory.Sites.All(s => lost.Contains(s.Site.Name, StringComparer.OrdinalIgnoreCase)))
        {
            return new DrState(
                DrStateKind.Degraded,
                "Neither engine answers",
                $"The console reaches neither {Name(primary.Name)} nor {Name(recovery.Name)}. Check the console's own network, DNS and proxy first: "
                + "a failover needs the engine it fails over to, and both sites failing at once is rarer than the console being cut off.",
                new DrNextAction("Open incidents", Page: IncidentsPage),
                production);
        }
        if (lostProduction is not null)
        {
            // A site that runs only the plans failed over to it is lost like production: those plans fail back from it.
            var plansLost = !string.Equals(lostProduction, production, StringComparison.OrdinalIgnoreCase) && topology == DrTopology.ActivePassive;
            return SiteLost(lostProduction, plansLost ? lostProduction : production, awayFromHome || plansLost, topology, inventory, Name) with { Plans = plansAway };
        }
        // Away from home, the home site being down only delays the failback: production is where it was meant to be.
        if (lost.Count > 0 && !awayFromHome)
        {
            var other = lost[0];
            return new DrState(
                DrStateKind.Degraded,
                $"Site {Name(other)} lost",
                $"Production at {Name(production)} is not affected, but no failover is possible until {Name(other)} is back.",
                new DrNextAction("Open incidents", Page: IncidentsPage),
                production);
        }

        // A test left behind: its copies run at the recovery site until a cleanup removes them (one per plan tested on its own).
        var tests = TestsLeft(runs);
        if (tests.Count == 1)
        {
            var test = tests[0];
            return new DrState(
                DrStateKind.TestActive,
                "Test failover active: clean up the test",
                $"The test failover {test.Id}{(IsPlanRun(test) ? $" of plan '{test.Plan}'" : "")} {(test.Status == RunStatus.Failed ? "failed and " : "")}left copies of the replicas imported at {Name(test.TargetSite)} since {When(test.FinishedAt ?? test.CreatedAt)}. Clean it up to free them and keep the recovery site ready.",
                new DrNextAction("Clean up the test", new SuggestedRun("cleanup", "planned", test.SourceSite)),
                production,
                test.Id);
        }

        if (tests.Count > 1)
        {
            return new DrState(
                DrStateKind.TestActive,
                $"Test failovers of {tests.Count} plans active: clean them up",
                $"Test failovers left copies of the replicas imported at {Name(tests[0].TargetSite)}: {string.Join("; ", tests.Select(t => $"plan '{t.Plan}' by {t.Id}{(t.Status == RunStatus.Failed ? " (failed)" : "")} since {When(t.FinishedAt ?? t.CreatedAt)}"))}. "
                    + "Clean up each plan's test (a cleanup names its plan) to free them and keep the recovery site ready.",
                new DrNextAction("Clean up the tests", new SuggestedRun("cleanup", "planned", tests[0].SourceSite)),
                production,
                tests[0].Id);
        }

        if (awayFromHome)
        {
            var isFailover = moved!.Kind == RunKind.Failover;
            var openText = open.Count == 0 ? "" : $" {Count(open.Count, "incident")} open.";
            return new DrState(
                DrStateKind.RunningAtRecovery,
                $"Production runs at {Name(production)}",
                isFailover
                    ? $"Since the {Text(moved.Mode)} failover {moved.Id} on {When(moved.FinishedAt ?? moved.CreatedAt)}, on purpose. Fail back to {Name(home)} when it is ready.{openText}"
                    : $"Since the evacuation {moved.Id} of {Name(home)} on {When(moved.FinishedAt ?? moved.CreatedAt)}, on purpose. Return the VMs to {Name(home)} when it is ready.{openText}",
                isFailover
                    ? new DrNextAction("Fail back", new SuggestedRun("failback", "planned", production))
                    : new DrNextAction("Return", new SuggestedRun("return", "planned", production)),
                production,
                moved.Id);
        }

        if (plansAway.Count > 0)
        {
            return Split(plansAway, primary.Name, open.Count, Name);
        }

        if (open.Count > 0)
        {
            var worst = open.OrderByDescending(i => i.Severity).ThenBy(i => i.OpenedAt).First();
            var more = open.Count == 1 ? "" : $" (and {Count(open.Count - 1, "more incident")})";
            var stillDown = worst.Kind == IncidentKind.VmsStillDown;
            return new DrState(
                DrStateKind.Degraded,
                stillDown ? "Degraded: VMs still down after the outage" : "Degraded",
                $"{worst.Title}{more}.",
                new DrNextAction(stillDown ? "See the VMs still down" : "Open incidents", Page: IncidentsPage),
                production);
        }

        if (runs.FirstOrDefault(r => r.Status is RunStatus.Succeeded or RunStatus.Failed) is { Status: RunStatus.Failed, Kind: not RunKind.Test } failed)
        {
            return new DrState(
                DrStateKind.Degraded,
                $"The last {Text(failed.Kind)} failed",
                $"Run {failed.Id} from {Name(failed.SourceSite)} to {Name(failed.TargetSite)} failed: {failed.Error ?? "see its report"}. Production is counted at {Name(production)}.",
                new DrNextAction("Open the run", Page: $"/runs/{failed.Id}"),
                production,
                failed.Id);
        }

        return new DrState(
            DrStateKind.Normal,
            "Normal",
            $"Both sites answer and production runs at {Name(production)}. No open incident.",
            null,
            production);
    }

    /// <summary>Whether the run recovered one recovery plan rather than the whole estate ("all" is the whole estate).</summary>
    private static bool IsPlanRun(RecoveryRun run) => run.Plan is { } plan && !string.Equals(plan, "all", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The plans a failover of their own moved and no failback of the plan (or move of the whole estate) brought back, oldest
    /// run first.
    /// </summary>
    private static List<DrPlanPlacement> PlansAway(IReadOnlyList<RecoveryRun> runs)
    {
        var away = new Dictionary<string, DrPlanPlacement>(StringComparer.Ordinal);
        foreach (var run in runs.Reverse().Where(r => r.Status == RunStatus.Succeeded))
        {
            if (run.Kind is not (RunKind.Failover or RunKind.Failback or RunKind.Evacuate or RunKind.Return))
            {
                continue;
            }

            if (!IsPlanRun(run))
            {
                away.Clear();
            }
            else if (run.Kind == RunKind.Failover)
            {
                away[run.Plan!] = new DrPlanPlacement(run.Plan!, run.TargetSite, run.Id, run.FinishedAt ?? run.CreatedAt);
            }
            else
            {
                away.Remove(run.Plan!);
            }
        }

        return [.. away.Values.OrderBy(p => p.Since)];
    }

    /// <summary>Some recovery plans run at the recovery site after failovers of their own; the rest of the estate runs at home.</summary>
    private static DrState Split(List<DrPlanPlacement> away, string home, int openIncidents, Func<string, string> name)
    {
        var latest = away[^1];
        var where = string.Join("; ", away.GroupBy(p => p.Site, StringComparer.OrdinalIgnoreCase)
            .Select(g => $"{string.Join(", ", g.Select(p => p.Plan))} at {name(g.Key)}"));
        var since = string.Join("; ", away.Select(p => $"{p.Plan} since the failover {p.RunId} on {When(p.Since)}"));
        var openText = openIncidents == 0 ? "" : $" {Count(openIncidents, "incident")} open.";
        return new DrState(
            DrStateKind.RunningAtRecovery,
            $"{where}; the rest at {name(home)}",
            $"Only {(away.Count == 1 ? $"plan '{latest.Plan}' runs" : $"plans {string.Join(", ", away.Select(p => $"'{p.Plan}'"))} run")} away from {name(home)}, on purpose ({since}); "
                + $"every other plan and VM runs at {name(home)}. Fail {(away.Count == 1 ? "it" : "each")} back to {name(home)} when it is ready.{openText}",
            new DrNextAction("Fail back", new SuggestedRun("failback", "planned", latest.Site)),
            latest.Site,
            latest.RunId,
            away);
    }

    private static DrState Running(RecoveryRun run, string production, Func<string, string> name)
    {
        var what = What(run);
        return new DrState(
            KindOf(run),
            run.Status is RunStatus.Pending or RunStatus.Running ? $"{what} running" : $"{what} {StatusText(run.Status)}",
            Sentence(run, name),
            new DrNextAction("Open the run", Page: $"/runs/{run.Id}"),
            production,
            run.Id);
    }

    /// <summary>Runs of recovery plans with disjoint domains under way at once: each is named, the newest first.</summary>
    private static DrState RunningAtOnce(List<RecoveryRun> active, string production, Func<string, string> name)
    {
        var kinds = active.Select(KindOf).ToList();
        var kind = kinds.Contains(DrStateKind.FailoverRunning) ? DrStateKind.FailoverRunning
            : kinds.Contains(DrStateKind.FailbackRunning) ? DrStateKind.FailbackRunning
            : DrStateKind.TestActive;
        var held = active.Where(r => r.Status is not (RunStatus.Pending or RunStatus.Running)).GroupBy(r => r.Status).ToList();
        return new DrState(
            kind,
            $"{active.Count} runs under way: {string.Join(", ", active.Select(r => $"{What(r).ToLowerInvariant()} of {(IsPlanRun(r) ? $"'{r.Plan}'" : "the whole estate")}"))}"
                + (held.Count == 0 ? "" : $" ({string.Join(", ", held.Select(g => $"{g.Count()} {StatusText(g.Key)}"))})"),
            $"Recovery plans with disjoint storage domains run at once. {string.Join(" ", active.Select(r => Sentence(r, name)))}",
            new DrNextAction("Open the runs", Page: "/runs"),
            production,
            active[0].Id);
    }

    private static DrStateKind KindOf(RecoveryRun run) => run.Kind switch
    {
        RunKind.Failover or RunKind.Evacuate => DrStateKind.FailoverRunning,
        RunKind.Failback or RunKind.Return => DrStateKind.FailbackRunning,
        _ => DrStateKind.TestActive,
    };

    private static string What(RecoveryRun run) => run.Kind switch
    {
        RunKind.Test => "Test failover",
        RunKind.Cleanup => "Test cleanup",
        RunKind.Evacuate => "Evacuation",
        RunKind.Return => "Return",
        _ => $"{char.ToUpperInvariant(Text(run.Mode)[0])}{Text(run.Mode)[1..]} {Text(run.Kind)}",
    };

    /// <summary>One run in a sentence: what, which plan, between which sites, who started it, and what it waits for.</summary>
    private static string Sentence(RecoveryRun run, Func<string, string> name)
    {
        var status = run.Status switch
        {
            RunStatus.Waiting => $" It waits for an operator: {run.Prompt ?? "open the run"}",
            RunStatus.AwaitingApproval => " It waits for a second operator's approval.",
            RunStatus.Interrupted => " It was interrupted: resume it from the run page.",
            _ => "",
        };
        return $"{What(run)} {run.Id}{(IsPlanRun(run) ? $" of plan '{run.Plan}'" : "")} from {name(run.SourceSite)} to {name(run.TargetSite)}, started by {run.RequestedBy}.{status}";
    }

    private static DrState SiteLost(string lostSite, string production, bool awayFromHome, DrTopology topology, InventorySnapshot inventory, Func<string, string> name)
    {
        var other = inventory.Sites.FirstOrDefault(s => !string.Equals(s.Site.Name, lostSite, StringComparison.OrdinalIgnoreCase))?.Site;
        if (topology == DrTopology.ActiveActive)
        {
            return new DrState(
                DrStateKind.SiteLost,
                $"Site {name(lostSite)} lost",
                $"The engine restarts the HA VMs of {name(lostSite)} at {(other is null ? "the surviving site" : name(other.Name))}; the others need an operator. Follow the HA restart tracker.",
                new DrNextAction("Open the HA restart tracker", Page: IncidentsPage),
                production);
        }
        var kind = awayFromHome ? "failback" : "failover";
        return new DrState(
            DrStateKind.SiteLost,
            $"Site {name(production)} lost",
            $"Production at {name(production)} does not answer and its VMs do not restart at the other engine. Confirm the site is really lost (not a network partition), then start a disaster {kind} to {(other is null ? "the other site" : name(other.Name))}.",
            new DrNextAction($"Start disaster {kind}", new SuggestedRun(kind, "disaster", production)),
            production);
    }

    /// <summary>
    /// The test failovers whose copies are still imported, newest first: a test ends with a newer run of the same plan (its
    /// cleanup, a new test, a failover) or of the whole estate; a test of the whole estate ends with any newer run. Runs that
    /// shape nothing at the target (<see cref="RecoveryRun.ShapesTarget"/>: cancelled before they began, cleanups that did not
    /// succeed) change nothing; a test cancelled after it began may have left copies.
    /// </summary>
    private static List<RecoveryRun> TestsLeft(IReadOnlyList<RecoveryRun> runs)
    {
        var relevant = runs.Where(r => r.ShapesTarget).ToList();
        var left = new List<RecoveryRun>();
        for (var i = 0; i < relevant.Count; i++)
        {
            var test = relevant[i];
            if (test is { Kind: RunKind.Test, Status: RunStatus.Succeeded or RunStatus.Failed or RunStatus.Cancelled }
                && !relevant.Take(i).Any(newer => !IsPlanRun(newer) || !IsPlanRun(test) || string.Equals(newer.Plan, test.Plan, StringComparison.OrdinalIgnoreCase)))
            {
                left.Add(test);
            }
        }

        return left;
    }

    private static string Text(RunKind kind) => kind.ToString().ToLowerInvariant();

    private static string Text(RunMode mode) => mode.ToString().ToLowerInvariant();

    private static string StatusText(RunStatus status) => status switch
    {
        RunStatus.AwaitingApproval => "awaiting approval",
        RunStatus.Waiting => "waiting",
        _ => status.ToString().ToLowerInvariant(),
    };

    private static string Count(int n, string what) => n == 1 ? $"1 {what}" : $"{n} {what}s";

    private static string When(DateTimeOffset at) => at.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
