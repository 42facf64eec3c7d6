using RhvDr.Core.Mapping;

namespace RhvDr.Core.Readiness.Checks;

/// <summary>The active DR mapping is valid and covers every cluster, profile, affinity object and LUN the protected VMs use.</summary>
public sealed class MappingCheck : IReadinessCheck
{
    public string Id => "mapping";

    public string Title => "DR mapping valid and complete";

    public int Weight => 15;

    public async Task<CheckResult> EvaluateAsync(ReadinessContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var state = await context.GetMappingAsync(cancellationToken).ConfigureAwait(false);
        if (!state.IsAvailable)
        {
            return CheckResult.CannotRun(state.Problem ?? "the mapping could not be read", state.Remediation ?? "Open the Mapping page.");
        }

        var engineChecks = new List<EngineCheck>();
        if (context.Primary is { } primary)
        {
            engineChecks.Add(new EngineCheck(MappingSide.Primary, primary.Engine.IsReachable, primary.Engine.Message ?? primary.Engine.Status.ToString()));
        }
        if (context.Recovery is { } recovery)
        {
            engineChecks.Add(new EngineCheck(MappingSide.Secondary, recovery.Engine.IsReachable, recovery.Engine.Message ?? recovery.Engine.Status.ToString()));
        }

        var findings = MappingValidator.Validate(state.Mapping!.Mapping, state.Primary!, state.Recovery!, engineChecks)
            .Where(f => f.Severity != MappingSeverity.Info)
            .ToList();
        var version = $"mapping version {state.Mapping.Info.Version}";
        if (findings.Count == 0)
        {
            return CheckResult.Pass($"The {version} is valid and covers every object the protected VMs use.");
        }

        var evidence = findings.Select(f => $"{f.Key}: {f.Message}").ToList();
        var remediation = string.Join(" ", findings.Select(f => f.Fix).Distinct(StringComparer.Ordinal).Take(5));
        var errors = findings.Count(f => f.IsError);
        return errors > 0
            ? CheckResult.Fail($"The {version} has {errors} error(s): VMs would come up broken or not at all.", evidence, remediation)
            : CheckResult.Warn($"The {version} has {findings.Count} warning(s).", evidence, remediation);
    }
}
