namespace RhvDr.Core.Plans;

/// <summary>The versions of the plans document (SQLite). A version with errors is a draft and never drives a run.</summary>
public interface IPlanStore
{
    /// <summary>The newest saved version, draft or not; null before the first save.</summary>
    Task<StoredPlans?> GetCurrentAsync(CancellationToken cancellationToken = default);

    /// <summary>The newest version without errors; null when there is none.</summary>
    Task<StoredPlans?> GetActiveAsync(CancellationToken cancellationToken = default);

    Task<StoredPlans?> GetVersionAsync(int version, CancellationToken cancellationToken = default);

    /// <summary>Every version with its document, oldest first.</summary>
    Task<IReadOnlyList<StoredPlans>> GetAllAsync(CancellationToken cancellationToken = default);

    /// <summary>Every version, newest first, without the documents.</summary>
    Task<IReadOnlyList<PlanVersionInfo>> GetVersionsAsync(CancellationToken cancellationToken = default);

    /// <summary>Saves a new version; a draft when <paramref name="findings"/> hold an error.</summary>
    Task<StoredPlans> SaveAsync(PlanDocument document, IReadOnlyList<Mapping.MappingFinding> findings, string savedBy, string? comment, CancellationToken cancellationToken = default);
}
