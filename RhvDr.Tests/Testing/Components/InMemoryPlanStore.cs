using RhvDr.Core.Mapping;
using RhvDr.Core.Plans;

namespace RhvDr.Tests.Components;

/// <summary>A plans store in memory, for component tests.</summary>
internal sealed class InMemoryPlanStore : IPlanStore
{
    private readonly List<StoredPlans> _versions = [];

    public Task<StoredPlans?> GetCurrentAsync(CancellationToken cancellationToken = default) => Task.FromResult(_versions.LastOrDefault());

    public Task<StoredPlans?> GetActiveAsync(CancellationToken cancellationToken = default) => Task.FromResult(_versions.LastOrDefault(v => !v.Info.IsDraft));

    public Task<StoredPlans?> GetVersionAsync(int version, CancellationToken cancellationToken = default) =>
        Task.FromResult(_versions.FirstOrDefault(v => v.Info.Version == version));

    public Task<IReadOnlyList<StoredPlans>> GetAllAsync(CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<StoredPlans>>([.. _versions]);

    public Task<IReadOnlyList<PlanVersionInfo>> GetVersionsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<PlanVersionInfo>>([.. _versions.Select(v => v.Info).Reverse()]);

    public Task<StoredPlans> SaveAsync(PlanDocument document, IReadOnlyList<MappingFinding> findings, string savedBy, string? comment, CancellationToken cancellationToken = default)
    {
        var info = new PlanVersionInfo(_versions.Count + 1, DateTimeOffset.UnixEpoch.AddDays(_versions.Count), savedBy, comment, findings.Any(f => f.IsError),
            findings.Count(f => f.IsError), findings.Count(f => f.Severity == MappingSeverity.Warning), PlanChangeSummary.Describe(_versions.LastOrDefault()?.Document, document));
        var stored = new StoredPlans(info, document, findings);
        _versions.Add(stored);
        return Task.FromResult(stored);
    }
}
