using RhvDr.Core.Mapping;

namespace RhvDr.Tests.Components;

/// <summary>A mapping store in memory, for component tests.</summary>
internal sealed class InMemoryMappingStore : IMappingStore
{
    private readonly List<StoredMapping> _versions = [];

    public Task<StoredMapping?> GetCurrentAsync(CancellationToken cancellationToken = default) => Task.FromResult(_versions.LastOrDefault());

    public Task<StoredMapping?> GetActiveAsync(CancellationToken cancellationToken = default) => Task.FromResult(_versions.LastOrDefault(v => !v.Info.IsDraft));

    public Task<StoredMapping> SaveAsync(DrMapping mapping, IReadOnlyList<MappingFinding> findings, string savedBy, string? comment, CancellationToken cancellationToken = default)
    {
        var info = new MappingVersionInfo(_versions.Count + 1, DateTimeOffset.UnixEpoch.AddDays(_versions.Count), savedBy, comment, findings.Any(f => f.IsError),
            findings.Count(f => f.IsError), findings.Count(f => f.Severity == MappingSeverity.Warning), MappingChangeSummary.Describe(_versions.LastOrDefault()?.Mapping, mapping));
        var stored = new StoredMapping(info, mapping, findings);
        _versions.Add(stored);
        return Task.FromResult(stored);
    }

    public Task<IReadOnlyList<MappingVersionInfo>> GetVersionsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<MappingVersionInfo>>([.. _versions.Select(v => v.Info).Reverse()]);

    public Task<StoredMapping?> GetVersionAsync(int version, CancellationToken cancellationToken = default) =>
        Task.FromResult(_versions.FirstOrDefault(v => v.Info.Version == version));
}
