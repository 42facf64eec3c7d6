using RhvDr.Core.Mapping;
using RhvDr.Core.Ovirt;

namespace RhvDr.Tests.Mapping;

/// <summary>Answers fixed inventories per site until a test takes a site down; then that site's engine does not answer.</summary>
internal sealed class LostSiteMappingInventorySource(IReadOnlyDictionary<string, MappingInventory> inventories) : IMappingInventorySource
{
    private readonly Dictionary<string, MappingInventory> _inventories = new(inventories, StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _down = new(StringComparer.OrdinalIgnoreCase);

    public void SetDown(string site) => _down.Add(site);

    public void Set(string site, MappingInventory inventory) => _inventories[site] = inventory;

    public Task<MappingInventory> ReadAsync(string site, CancellationToken cancellationToken = default) =>
        _down.Contains(site)
            ? Task.FromException<MappingInventory>(new EngineUnreachableException($"engine-{site}.example.com", "connection refused"))
            : Task.FromResult(_inventories[site]);
}
