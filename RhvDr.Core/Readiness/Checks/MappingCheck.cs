using RhvDr.Core.Mapping;

namespace RhvDr.Core.Readiness.Checks;

/// <summary>
/// The active DR mapping maps at least one storage domain (else the check fails: nothing would be recovered), is valid and covers every cluster, profile, affinity object and LUN the protected VMs use. With the
/// primary engine down, its side is checked against the last inventory read from it (the check warns, with its age) or, when
/// there is none, the check cannot run: a lost primary is what readiness measures, so only a real gap fails it.
/// </summary>
public sealed class MappingCheck : IReadinessCheck
{
    public string Id => "mapping";

    public string Title => "DR mapping valid and complete";

    public int Weight => 15;

    public async Task<CheckResult> EvaluateAsync(ReadinessContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var state = await context.GetMappingAsync(cancellationToken).ConfigureAwait(false);
        if (state.Mapping is { Mapping.ImportStorages.Count: 0 } unprotected)
        {
            // Whatever else it maps, without a storage domain a failover brings no VM back: no-go, whichever engine answers.
            return CheckResult.Fail(
                $"The active mapping version {unprotected.Info.Version} maps no storage domain (dr_import_storages is empty): a failover would recover nothing.",
                [],
                "Import the complete disaster_recovery_vars.yml, or generate the mapping from the live estate, on the Mapping page and save it.");
        }

        if (!state.IsAvailable)
        {
            return CheckResult.CannotRun(state.Problem ?? "the mapping could not be read", state.Remediation ?? "Open the Mapping page.");
        }

        var engineChecks = new List<EngineCheck>();
        EngineCheck? lost = null;
        if (context.Primary is { } primary)
        {
            var check = new EngineCheck(MappingSide.Primary, primary.Engine.IsReachable, primary.Engine.Message ?? primary.Engine.Status.ToString()) { Site = primary.Site.Name };
            if (state.PrimaryLastRead is { } last)
            {
                // Not an error: the primary being lost is what readiness measures. Only real gaps fail the check.
                lost = check = check with { Lost = true, LastInventoryReadAt = last.ReadAt, LastInventoryAge = context.Now - last.ReadAt };
            }

            engineChecks.Add(check);
        }
        if (context.Recovery is { } recovery)
        {
            engineChecks.Add(new EngineCheck(MappingSide.Secondary, recovery.Engine.IsReachable, recovery.Engine.Message ?? recovery.Engine.Status.ToString()) { Site = recovery.Site.Name });
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
        string Say(string sentence) => lost is null ? sentence : $"{lost.Summary}: {char.ToLowerInvariant(sentence[0])}{sentence[1..]}";
        return errors > 0
            ? CheckResult.Fail(Say($"The {version} has {errors} error(s): VMs would come up broken or not at all."), evidence, remediation)
            : CheckResult.Warn(Say($"The {version} has {findings.Count} warning(s)."), evidence, remediation);
    }
}
