using RhvDr.Core.Mapping;

namespace RhvDr.Core.Plans;

/// <summary>The rules of a plan's pre- and post-steps and of its priority groups.</summary>
internal static class PlanStepRules
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"];

    public static void Check(RecoveryPlanDefinition plan, string planKey, MappingFindingSink sink)
    {
        CheckSteps(plan, plan.PreSteps, $"{planKey}.pre_steps", sink);
        CheckSteps(plan, plan.PostSteps, $"{planKey}.post_steps", sink);
        var seen = new HashSet<int>();
        for (var g = 0; g < plan.PriorityGroups.Count; g++)
        {
            var group = plan.PriorityGroups[g];
            var key = $"{planKey}.priority_groups[{g}]";
            if (group.Priority is < PlanVm.LowestPriority or > PlanVm.HighestPriority)
            {
                sink.Error(PlanFindingCodes.PriorityGroupBadPriority, $"{key}.priority",
                    $"Plan '{plan.Name}' has steps for priority group {group.Priority}; priority groups are 1 to 5.",
                    "Write the priority of the group the steps belong to, from 1 to 5.");
            }
            else if (!seen.Add(group.Priority))
            {
                sink.Error(PlanFindingCodes.PriorityGroupDuplicate, $"{key}.priority",
                    $"Plan '{plan.Name}' has two entries for priority group {group.Priority}.",
                    "Put all steps of one priority group in one entry.");
            }

            CheckSteps(plan, group.PreSteps, $"{key}.pre_steps", sink);
            CheckSteps(plan, group.PostSteps, $"{key}.post_steps", sink);
        }
    }

    private static void CheckSteps(RecoveryPlanDefinition plan, IReadOnlyList<PlanStep> steps, string listKey, MappingFindingSink sink)
    {
        for (var s = 0; s < steps.Count; s++)
        {
            var step = steps[s];
            var key = $"{listKey}[{s}]";
            var (missing, field) = step.Kind switch
            {
                PlanStepKind.Prompt => (string.IsNullOrWhiteSpace(step.Message), PlanYamlKeys.Message),
                PlanStepKind.Command => (string.IsNullOrWhiteSpace(step.Command), PlanYamlKeys.Command),
                _ => (string.IsNullOrWhiteSpace(step.Url), PlanYamlKeys.Url),
            };
            var kind = step.Kind.ToString().ToLowerInvariant();
            if (missing)
            {
                sink.Error(PlanFindingCodes.StepIncomplete, key,
                    $"A {kind} step of plan '{plan.Name}' has no '{field}'.",
                    $"Add '{field}:' to the step ({FieldHelp(step.Kind)}).");
            }
            else if (step.Kind == PlanStepKind.Http && !PlanVmRules.IsHttpUrl(step.Url))
            {
                sink.Error(PlanFindingCodes.StepBadUrl, $"{key}.url",
                    $"The HTTP step '{step.Title}' of plan '{plan.Name}' calls '{step.Url}', which is not an http:// or https:// URL.",
                    "Write the full URL, e.g. \"https://itsm.example.com/api/change\".");
            }

            if (step.Method is { } method && (step.Kind != PlanStepKind.Http || !Methods.Contains(method, StringComparer.OrdinalIgnoreCase)))
            {
                sink.Error(PlanFindingCodes.StepBadMethod, $"{key}.method",
                    step.Kind == PlanStepKind.Http
                        ? $"The HTTP step '{step.Title}' of plan '{plan.Name}' uses method '{method}'."
                        : $"The {kind} step '{step.Title}' of plan '{plan.Name}' has a method; only http steps do.",
                    step.Kind == PlanStepKind.Http ? $"Write one of {string.Join(", ", Methods)}." : "Remove 'method', or make the step 'kind: http'.");
            }

            if (step.TimeoutSeconds is <= 0)
            {
                sink.Error(PlanFindingCodes.StepBadTimeout, $"{key}.timeout_seconds",
                    $"The step '{step.Title}' of plan '{plan.Name}' has a timeout of {step.TimeoutSeconds} seconds.",
                    $"Write 1 or more seconds, or leave timeout_seconds out for {PlanStep.DefaultTimeoutSeconds}.");
            }
        }
    }

    private static string FieldHelp(PlanStepKind kind) => kind switch
    {
        PlanStepKind.Prompt => "what the operator is asked to do and confirm",
        PlanStepKind.Command => "the command line the console runs",
        _ => "the URL the console calls",
    };
}
