namespace RhvDr.Core.Mapping;

/// <summary>The DR mapping in force and its saved versions (SQLite). A mapping with errors is kept as a draft and cannot drive a run.</summary>
public interface IMappingStore
{
    /// <summary>The newest saved version, draft or not; null before the first save.</summary>
    Task<StoredMapping?> GetCurrentAsync(CancellationToken cancellationToken = default);

    /// <summary>The newest version without errors: the one runs and readiness use; null when there is none.</summary>
    Task<StoredMapping?> GetActiveAsync(CancellationToken cancellationToken = default);

    /// <summary>Saves a new version; it is a draft when <paramref name="findings"/> hold an error.</summary>
    Task<StoredMapping> SaveAsync(DrMapping mapping, IReadOnlyList<MappingFinding> findings, string savedBy, string? comment, CancellationToken cancellationToken = default);

    /// <summary>Every version, newest first, without the mapping bodies.</summary>
    Task<IReadOnlyList<MappingVersionInfo>> GetVersionsAsync(CancellationToken cancellationToken = default);

    Task<StoredMapping?> GetVersionAsync(int version, CancellationToken cancellationToken = default);
}
