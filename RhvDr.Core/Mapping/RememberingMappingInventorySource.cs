namespace RhvDr.Core.Mapping;

/// <summary>Reads through <paramref name="inner"/> and keeps each successful read in <paramref name="memory"/>; a failed read changes nothing.</summary>
internal sealed class RememberingMappingInventorySource(IMappingInventorySource inner, MappingInventoryMemory memory) : IMappingInventorySource
{
    public async Task<MappingInventory> ReadAsync(string site, CancellationToken cancellationToken = default)
    {
        var inventory = await inner.ReadAsync(site, cancellationToken).ConfigureAwait(false);
        memory.Remember(site, inventory);
        return inventory;
    }
}
