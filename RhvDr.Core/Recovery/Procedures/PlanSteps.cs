using System.Globalization;
using RhvDr.Core.Plans;

namespace RhvDr.Core.Recovery.Procedures;

/// <summary>
/// A recovery plan's pre- and post-steps as run steps: the plan's pre-steps before its first priority group starts, a
/// group's pre-steps before its first VM starts and its post-steps once every VM of the group is up or failed, the plan's
/// post-steps after the last group. Each step is a run step of its own (saved, shown, skipped when a resumed run finished
/// it); one that fails fails the run with its title in the message.
/// </summary>
internal sealed class PlanSteps(ProcedureScope scope) : ProcedurePart(scope)
{
    private RunPlan? RunPlan => Plan.RunPlan;

    /// <summary>The stage that runs the plan's pre-steps; null without a plan or steps.</summary>
    public RunStage? Before() => PlanStage(RunPlan?.Definition.PreSteps ?? [], pre: true);

    /// <summary>The stage that runs the plan's post-steps; null without a plan or steps.</summary>
    public RunStage? After() => PlanStage(RunPlan?.Definition.PostSteps ?? [], pre: false);

    /// <summary>The run steps of every priority group's steps, group by group, pre before post.</summary>
    public IEnumerable<StepDefinition> GroupDefinitions()
    {
        foreach (var group in Groups())
        {
            for (var i = 0; i < group.PreSteps.Count; i++)
            {
                yield return new StepDefinition(GroupStepName(group.Priority, pre: true, i), GroupTitle(group.Priority, pre: true, group.PreSteps[i]), Expected(group.PreSteps[i]));
            }

            for (var i = 0; i < group.PostSteps.Count; i++)
            {
                yield return new StepDefinition(GroupStepName(group.Priority, pre: false, i), GroupTitle(group.Priority, pre: false, group.PostSteps[i]), Expected(group.PostSteps[i]));
            }
        }
    }

    /// <summary>The priorities that have steps.</summary>
    public IEnumerable<int> PrioritiesWithSteps => Groups().Select(g => g.Priority);

    /// <summary>Runs a priority group's pre-steps (<paramref name="pre"/>) or post-steps, in order.</summary>
    public async Task RunGroupAsync(int priority, bool pre, IReadOnlyList<string> vms, CancellationToken ct)
    {
        if (Group(priority) is not { } group)
        {
            return;
        }

        var steps = pre ? group.PreSteps : group.PostSteps;
        for (var i = 0; i < steps.Count; i++)
        {
            await RunOneAsync(GroupStepName(priority, pre, i), steps[i], priority, vms, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Marks a priority group's steps as not applicable (no VM of the group was started).</summary>
    public async Task SkipGroupAsync(int priority, string why)
    {
        if (Group(priority) is not { } group)
        {
            return;
        }

        for (var i = 0; i < group.PreSteps.Count; i++)
        {
            await Context.SkipStepAsync(GroupStepName(priority, pre: true, i), why).ConfigureAwait(false);
        }

        for (var i = 0; i < group.PostSteps.Count; i++)
        {
            await Context.SkipStepAsync(GroupStepName(priority, pre: false, i), why).ConfigureAwait(false);
        }
    }

    public static string PlanStepName(bool pre, int index) => $"plan-{(pre ? "pre" : "post")}-{index + 1}";

    public static string GroupStepName(int priority, bool pre, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"group-{priority}-{(pre ? "pre" : "post")}-{index + 1}");

    private RunStage? PlanStage(IReadOnlyList<PlanStep> steps, bool pre)
    {
        if (RunPlan is not { } plan || steps.Count == 0)
        {
            return null;
        }

        var definitions = steps.Select((s, i) => new StepDefinition(PlanStepName(pre, i),
            $"{(pre ? "Before" : "After")} plan '{plan.Name}': {s.Title} ({Kind(s)})", Expected(s))).ToList();
        return new OverlappingSteps(definitions, async () =>
        {
            var vms = Context.Vms.Where(v => v.WasRunning).Select(v => v.VmName).Order(StringComparer.Ordinal).ToList();
            for (var i = 0; i < steps.Count; i++)
            {
                await RunOneAsync(PlanStepName(pre, i), steps[i], null, vms, Context.Cancellation).ConfigureAwait(false);
            }
        });
    }

    private Task RunOneAsync(string name, PlanStep step, int? priority, IReadOnlyList<string> vms, CancellationToken stop) =>
        Context.StepAsync(name, async ct =>
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, stop);
            var where = priority is { } p ? $"{(name.Contains("-pre-", StringComparison.Ordinal) ? "before" : "after")} priority group {p} of plan '{RunPlan!.Name}'" : $"of plan '{RunPlan!.Name}'";
            await Context.LogAsync(RunLogLevel.Info, $"Step '{step.Title}' ({Kind(step)}) {where}.", linked.Token).ConfigureAwait(false);
            var stepScope = new PlanStepScope(Run.Id, Run.Kind, RunPlan.Name, priority, vms, Addresses(vms));
            var detail = await Scope.Steps.RunAsync(step, stepScope, Context, linked.Token).ConfigureAwait(false);
            await Context.LogAsync(RunLogLevel.Info, $"Step '{step.Title}' done: {detail}.", linked.Token).ConfigureAwait(false);
            return detail;
        });

    /// <summary>The addresses the plan gives the VMs at the recovery site (re-IP); none when the run goes to the primary.</summary>
    private List<(string Vm, string Address)> Addresses(IReadOnlyList<string> vms)
    {
        if (Run.Kind == RunKind.Failback || RunPlan is not { } plan)
        {
            return [];
        }

        var names = vms.ToHashSet(StringComparer.Ordinal);
        return [.. plan.Definition.ReIp.SelectMany(r => r.Addresses).Where(a => names.Contains(a.Vm)).Select(a => (a.Vm, a.Address))];
    }

    private IEnumerable<PlanPriorityGroup> Groups() =>
        (RunPlan?.Definition.PriorityGroups ?? []).Where(g => g.PreSteps.Count + g.PostSteps.Count > 0).OrderBy(g => g.Priority);

    private PlanPriorityGroup? Group(int priority) => Groups().FirstOrDefault(g => g.Priority == priority);

    private static string GroupTitle(int priority, bool pre, PlanStep step) => $"{(pre ? "Before" : "After")} priority group {priority}: {step.Title} ({Kind(step)})";

    private static string Kind(PlanStep step) => step.Kind.ToString().ToLowerInvariant();

    private static double Expected(PlanStep step) => step.Kind == PlanStepKind.Prompt ? 60 : Math.Min(30, step.TimeoutSeconds ?? PlanStep.DefaultTimeoutSeconds);
}
