using RhvDr.Core.Mapping;

namespace RhvDr.Tests.Readiness;

/// <summary>Holds one active mapping (or none); stands in for the mapping branch's SQLite store.</summary>
internal sealed class FakeMappingStore : IMappingStore
{
    public StoredMapping? Active { get; set; }

    public Task<StoredMapping?> GetCurrentAsync(CancellationToken cancellationToken = default) => Task.FromResult(Active);

    public Task<StoredMapping?> GetActiveAsync(CancellationToken cancellationToken = default) => Task.FromResult(Active);

    public Task<StoredMapping> SaveAsync(DrMapping mapping, IReadOnlyList<MappingFinding> findings, string savedBy, string? comment, CancellationToken cancellationToken = default)
    {
        Active = new StoredMapping(new MappingVersionInfo((Active?.Info.Version ?? 0) + 1, DateTimeOffset.UtcNow, savedBy, comment, false, 0, 0, "test"), mapping, findings);
        return Task.FromResult(Active);
    }

    public Task<IReadOnlyList<MappingVersionInfo>> GetVersionsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<MappingVersionInfo>>(Active is null ? [] : [Active.Info]);

    public Task<StoredMapping?> GetVersionAsync(int version, CancellationToken cancellationToken = default) =>
        Task.FromResult(Active?.Info.Version == version ? Active : null);
}
