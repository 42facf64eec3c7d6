using RhvDr.Core.Recovery;
using RhvDr.Core.Security;
using RhvDr.Core.Sites;

namespace RhvDr.Console.Model;

/// <summary>
/// The run wizard's state and rules, without UI: operation and mode, the preview the preflight and plan steps show,
/// what blocks (mapping errors, planner findings, a readiness no-go) unless overridden with a written reason, and the typed
/// site name a disaster run needs. The page loads the preview and starts the run; this decides what may happen.
/// </summary>
public sealed class RunWizardViewModel
{
    /// <summary>An override reason shorter than this is not a reason.</summary>
    public const int MinOverrideLength = 10;

    private readonly IReadOnlyList<SiteDescriptor> _sites;
    private RunKind _kind;
    private RunMode _mode = RunMode.Planned;
    private string? _plan;

    /// <param name="kinds">The kinds the topology runs (<see cref="RunKinds.For"/>); failover, failback, test and cleanup when omitted.</param>
    public RunWizardViewModel(IReadOnlyList<SiteDescriptor> sites, IReadOnlyList<RunKind>? kinds = null)
    {
        ArgumentNullException.ThrowIfNull(sites);
        _sites = sites;
        Kinds = kinds is { Count: > 0 } ? kinds : RunKinds.For(Core.Configuration.DrTopology.ActivePassive);
        _kind = Kinds[0];
    }

    /// <summary>The operations offered: those the configured topology can run.</summary>
    public IReadOnlyList<RunKind> Kinds { get; }

    public RunWizardStep Step { get; private set; } = RunWizardStep.Operation;

    public RunKind Kind
    {
        get => _kind;
        set
        {
            if (_kind != value)
            {
                _kind = value;
                if (!DisasterAllowed)
                {
                    _mode = RunMode.Planned;
                }

                Invalidate();
            }
        }
    }

    public RunMode Mode
    {
        get => _mode;
        set
        {
            var mode = DisasterAllowed ? value : RunMode.Planned;
            if (_mode != mode)
            {
                _mode = mode;
                Invalidate();
            }
        }
    }

    /// <summary>Test failovers and cleanups leave production untouched: they are always planned.</summary>
    public bool DisasterAllowed => Kind is RunKind.Failover or RunKind.Failback;

    /// <summary>The recovery plan to run; null for the whole estate ("all"). Only failover, failback, test and cleanup take one.</summary>
    public string? Plan
    {
        get => PlanAllowed ? _plan : null;
        set
        {
            var plan = string.IsNullOrWhiteSpace(value) || string.Equals(value, Core.Plans.ProtectionGroup.All, StringComparison.OrdinalIgnoreCase) ? null : value;
            if (!string.Equals(_plan, plan, StringComparison.Ordinal))
            {
                _plan = plan;
                Invalidate();
            }
        }
    }

    public bool PlanAllowed => Kind is RunKind.Failover or RunKind.Failback or RunKind.Test or RunKind.Cleanup;

    public RunPreview? Preview { get; private set; }

    /// <summary>Why the preview could not be loaded, in words.</summary>
    public string? PreviewError { get; private set; }

    public string OverrideReason { get; set; } = "";

    public string ConfirmText { get; set; } = "";

    /// <summary>What a link's query asked for that the wizard could not honour, in words; null when all was taken.</summary>
    public string? QueryNote { get; private set; }

    /// <summary>The run that was already active when Start was pressed (the same plan, or the whole estate).</summary>
    public RecoveryRun? AlreadyRunning { get; private set; }

    public string? StartError { get; private set; }

    public bool Busy { get; set; }

    public SiteDescriptor? SourceSite => Preview?.Source ?? SitesFor(Kind).Source;

    public SiteDescriptor? TargetSite => Preview?.Target ?? SitesFor(Kind).Target;

    /// <summary>The direction in words, e.g. "Prod (primary) → DR (recovery)".</summary>
    public string Direction => $"{Describe(SourceSite)} → {Describe(TargetSite)}";

    /// <summary>Everything that blocks the run unless overridden: mapping errors with their keys, planner findings, failing readiness checks.</summary>
    public IReadOnlyList<string> Blockers => Preview is null ? [] :
    [
        .. Preview.RelevantMappingFindings.Where(f => f.IsError).Select(f => $"Mapping {(f.Key.Length == 0 ? "(file)" : f.Key)}: {f.Message}"),
        .. Preview.PlanFindings,
        .. Preview.Gate.Blocking.Select(f => $"Readiness '{f.Id}' ({f.Title}): {f.Summary}"),
    ];

    public bool Blocked => Blockers.Count > 0;

    /// <summary>Preflight's verdict, first thing on the step: "Nothing blocks the failover" or "2 problems block the failover".</summary>
    public string Verdict => Blockers.Count switch
    {
        0 => $"Nothing blocks the {RunViewModel.Text(Kind)}",
        1 => $"1 problem blocks the {RunViewModel.Text(Kind)}",
        var n => $"{n} problems block the {RunViewModel.Text(Kind)}",
    };

    /// <summary>Warnings that concern this kind and do not block: mapping warnings with their keys, then readiness checks.</summary>
    public IReadOnlyList<PreflightNote> Notes => Preview is null ? [] :
    [
        .. Preview.RelevantMappingFindings.Where(f => !f.IsError).Select(f => new PreflightNote("mapping", f.Code, $"Mapping {(f.Key.Length == 0 ? "(file)" : f.Key)}: {f.Message}", f.Fix)),
        // The readiness 'mapping' check repeats the mapping's findings, which the preflight has just validated live and lists above.
        .. Preview.RelevantReadinessWarnings.Where(f => f.Id != "mapping").Select(f => new PreflightNote("readiness", f.Id, $"Readiness '{f.Id}' ({f.Title}): {f.Summary}", f.Remediation)),
    ];

    /// <summary>The override reason field is shown only when something blocks.</summary>
    public bool ShowOverride => Blocked;

    public bool OverrideValid => OverrideReason.Trim().Length >= MinOverrideLength;

    public bool PreflightPassed => Preview is not null && (!Blocked || OverrideValid);

    /// <summary>
    /// Runs that stop production at the source: a disaster run declares it lost; a planned failover or failback shuts its VMs
    /// down and detaches its domains. Both need the source site's name typed exactly.
    /// </summary>
    public bool RequiresTypedConfirmation => Mode == RunMode.Disaster || Kind is RunKind.Failover or RunKind.Failback;

    /// <summary>A planned failover or failback: production stops at the source for the run's duration.</summary>
    public bool StopsProduction => Mode == RunMode.Planned && Kind is RunKind.Failover or RunKind.Failback;

    /// <summary>The operator types the source site's name exactly (ordinal, as the runner checks a disaster run).</summary>
    public bool ConfirmMatches => !RequiresTypedConfirmation || (SourceSite is { } source && string.Equals(ConfirmText.Trim(), source.Name, StringComparison.Ordinal));

    public bool CanStart => Step == RunWizardStep.Confirm && PreflightPassed && ConfirmMatches && !Busy;

    public bool CanGoBack => Step > RunWizardStep.Operation && !Busy;

    public bool CanGoNext => Step switch
    {
        RunWizardStep.Operation => true,
        RunWizardStep.Preflight => PreflightPassed,
        RunWizardStep.Plan => PreflightPassed,
        _ => false,
    };

    /// <summary>The furthest step the operator may jump to from the stepper's header.</summary>
    public RunWizardStep MaxReachable => Preview is null ? (Step >= RunWizardStep.Preflight ? RunWizardStep.Preflight : RunWizardStep.Operation)
        : PreflightPassed ? RunWizardStep.Confirm : RunWizardStep.Preflight;

    /// <summary>The member named <paramref name="text"/> in any case; numbers ("3") name nothing, as in the API.</summary>
    private static T? ByName<T>(string text)
        where T : struct, Enum =>
        Enum.GetNames<T>().FirstOrDefault(n => string.Equals(n, text.Trim(), StringComparison.OrdinalIgnoreCase)) is { } name
            ? Enum.Parse<T>(name)
            : null;

    /// <summary>Takes <c>?kind=failover&amp;mode=disaster&amp;source=primary</c> from a link (the incident monitor's).</summary>
    public void ApplyQuery(string? kind, string? mode, string? source)
    {
        var notes = new List<string>();
        if (!string.IsNullOrWhiteSpace(kind))
        {
            if (ByName<RunKind>(kind) is { } k)
            {
                Kind = k;
            }
            else
            {
                notes.Add($"unknown operation '{kind}'");
            }
        }

        if (!string.IsNullOrWhiteSpace(mode))
        {
            if (ByName<RunMode>(mode) is { } m && (m == RunMode.Planned || DisasterAllowed))
            {
                Mode = m;
            }
            else
            {
                notes.Add($"mode '{mode}' is not possible for a {RunViewModel.Text(Kind)}");
            }
        }

        if (!string.IsNullOrWhiteSpace(source) && SourceSite is { } actual
            && !string.Equals(source, actual.Name, StringComparison.OrdinalIgnoreCase)
            && !string.Equals(source, actual.Role.ToString(), StringComparison.OrdinalIgnoreCase))
        {
            notes.Add($"the link names '{source}' as the source, but a {RunViewModel.Text(Kind)} runs from {Describe(actual)}");
        }

        QueryNote = notes.Count == 0 ? null : $"The link asked for more than the wizard could take: {string.Join("; ", notes)}.";
    }

    public void SetPreview(RunPreview preview)
    {
        ArgumentNullException.ThrowIfNull(preview);
        Preview = preview.Kind == Kind && preview.Mode == Mode ? preview : null;
        PreviewError = null;
    }

    /// <summary>Forgets the preview so the page loads it again (Re-check).</summary>
    public void ClearPreview()
    {
        Preview = null;
        PreviewError = null;
    }

    public void SetPreviewError(string message)
    {
        Preview = null;
        PreviewError = message;
    }

    /// <summary>True when the page should (re)load the preview: on the preflight step without one.</summary>
    public bool NeedsPreview => Step >= RunWizardStep.Preflight && Preview is null && PreviewError is null;

    public bool Next()
    {
        if (!CanGoNext)
        {
            return false;
        }

        Step++;
        return true;
    }

    public bool Back()
    {
        if (!CanGoBack)
        {
            return false;
        }

        Step--;
        return true;
    }

    public bool GoTo(RunWizardStep step)
    {
        if (step > MaxReachable || Busy)
        {
            return false;
        }

        Step = step;
        return true;
    }

    /// <summary>The request Start sends; null when the rules do not allow it yet.</summary>
    public RunRequest? ToRequest(Actor requestedBy) => CanStart
        ? new RunRequest(Kind, Mode, RequiresTypedConfirmation ? ConfirmText.Trim() : null, !Blocked || OverrideReason.Trim().Length == 0 ? null : OverrideReason.Trim(), requestedBy, Plan: Plan)
        : null;

    public void StartRefused(string message)
    {
        StartError = message;
        AlreadyRunning = null;
    }

    public void StartFoundActive(RecoveryRun active)
    {
        AlreadyRunning = active;
        var between = $"between {SiteName.Of(_sites, active.SourceSite)} and {SiteName.Of(_sites, active.TargetSite)}";
        StartError = RunConcurrency.IsPlanRun(active)
            ? $"Run {active.Id} ({RunViewModel.Text(active.Kind)} of plan '{active.Plan}', {RunViewModel.Text(active.Status)}) is already active {between}; one run at a time per plan, and no run of the whole estate beside it."
            : $"Run {active.Id} ({RunViewModel.Text(active.Kind)}, {RunViewModel.Text(active.Status)}) is already active {between}; a run of the whole estate runs alone between the sites.";
    }

    /// <summary>The site as <see cref="SiteName"/> names it to a person.</summary>
    public static string Describe(SiteDescriptor? site) =>
        site is null ? "(site not configured)" : SiteName.Of(site);

    /// <summary>The site with its id, where the operator must type the id.</summary>
    public static string DescribeWithId(SiteDescriptor? site) =>
        site is null ? "(site not configured)" : SiteName.WithId(site);

    private (SiteDescriptor? Source, SiteDescriptor? Target) SitesFor(RunKind kind)
    {
        var primary = _sites.FirstOrDefault(s => s.Role == SiteRole.Primary);
        var recovery = _sites.FirstOrDefault(s => s.Role == SiteRole.Recovery);
        return kind is RunKind.Failback or RunKind.Return ? (recovery, primary) : (primary, recovery);
    }

    private void Invalidate()
    {
        Preview = null;
        PreviewError = null;
        AlreadyRunning = null;
        StartError = null;
        ConfirmText = "";
        if (Step > RunWizardStep.Operation)
        {
            Step = RunWizardStep.Preflight;
        }
    }
}
