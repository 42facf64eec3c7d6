using RhvDr.Core.Mapping;

namespace RhvDr.Tests.Components;

/// <summary>Answers fixed inventories per site name, for component tests.</summary>
internal sealed class FixedMappingInventorySource(IReadOnlyDictionary<string, MappingInventory> inventories) : IMappingInventorySource
{
    public Task<MappingInventory> ReadAsync(string site, CancellationToken cancellationToken = default) => Task.FromResult(inventories[site]);
}
