using System.Collections.Concurrent;

namespace RhvDr.Core.Mapping;

/// <summary>
/// Reads each site's mapping inventory at most once per <paramref name="maxAge"/>. Readiness evaluates on every inventory
/// poll; without this, every few seconds it would read both engines in full a second time. A failed read is not kept.
/// </summary>
public sealed class CachedMappingInventorySource(IMappingInventorySource inner, TimeSpan maxAge, TimeProvider time) : IMappingInventorySource
{
    private readonly ConcurrentDictionary<string, (MappingInventory Inventory, DateTimeOffset ReadAt)> _cache = new(StringComparer.OrdinalIgnoreCase);

    public async Task<MappingInventory> ReadAsync(string site, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (maxAge > TimeSpan.Zero && _cache.TryGetValue(site, out var cached) && now - cached.ReadAt < maxAge)
        {
            return cached.Inventory;
        }

        var inventory = await inner.ReadAsync(site, cancellationToken).ConfigureAwait(false);
        _cache[site] = (inventory, now);
        return inventory;
    }
}
