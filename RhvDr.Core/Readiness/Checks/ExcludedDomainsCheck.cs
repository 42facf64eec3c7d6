using RhvDr.Core.Mapping;

namespace RhvDr.Core.Readiness.Checks;

/// <summary>
/// The hosted engine's domain (hosted_storage) and export domains are kept out of recovery: the role refuses the one
/// and cannot recover the other (and it may disturb failback).
/// </summary>
public sealed class ExcludedDomainsCheck : IReadinessCheck
{
    public string Id => "excluded-domains";

    public string Title => "hosted_storage and export domains excluded";

    public int Weight => 5;

    public async Task<CheckResult> EvaluateAsync(ReadinessContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Primary is not { } primary || primary.Inventory.CollectedAt == DateTimeOffset.MinValue)
        {
            return CheckResult.CannotRun("the primary engine has not been read", "Bring the primary engine back.", CheckSeverity.Warning);
        }

        var excluded = primary.Inventory.StorageDomains
            .Where(d => d.IsHostedEngineStorage || d.Name == MappingValidator.HostedStorageName || d.Type == "export")
            .ToList();
        var excludedNames = excluded.Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();

        var mapping = await context.GetMappingAsync(cancellationToken).ConfigureAwait(false);
        if (mapping.Mapping is { } stored)
        {
            foreach (var storage in stored.Mapping.ImportStorages)
            {
                var name = storage.Primary?.Name;
                if (name is not null && (excludedNames.Contains(name) || string.Equals(storage.DomainFunction, "export", StringComparison.OrdinalIgnoreCase)))
                {
                    problems.Add($"{name}: listed in the mapping's dr_import_storages");
                }
            }
        }

        var fine = excluded.Select(d => $"{d.Name} ({(d.Type == "export" ? "export domain" : "hosted engine")}): excluded").ToList();
        if (problems.Count > 0)
        {
            return CheckResult.Fail($"{problems.Count} domain(s) that must not be recovered are in the mapping.", problems,
                "Remove hosted_storage and export domains from dr_import_storages on the Mapping page.", CheckSeverity.Warning);
        }
        var note = mapping.Mapping is null ? " (the mapping itself could not be checked: see the mapping finding)" : "";
        return CheckResult.Pass($"No hosted_storage or export domain is set to be recovered{note}.", fine);
    }
}
