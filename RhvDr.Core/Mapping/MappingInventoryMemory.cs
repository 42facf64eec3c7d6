using System.Collections.Concurrent;

namespace RhvDr.Core.Mapping;

/// <summary>
/// The last mapping inventory read from each site's engine, with when it was read. A disaster run checks the lost site's
/// side of the mapping against it, since that engine no longer answers. Kept in memory only: after a restart the console
/// knows nothing of a site until it reads it again.
/// </summary>
public sealed class MappingInventoryMemory(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, LastMappingInventory> _last = new(StringComparer.OrdinalIgnoreCase);

    public DateTimeOffset Now => time.GetUtcNow();

    public void Remember(string site, MappingInventory inventory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(site);
        ArgumentNullException.ThrowIfNull(inventory);
        _last[site] = new LastMappingInventory(site, inventory, time.GetUtcNow());
    }

    /// <summary>The last inventory read from <paramref name="site"/> since the console started; null when it never was.</summary>
    public LastMappingInventory? Find(string site) => _last.GetValueOrDefault(site);

    /// <summary><paramref name="source"/>, remembering every inventory it reads.</summary>
    public IMappingInventorySource Through(IMappingInventorySource source) => new RememberingMappingInventorySource(source, this);
}
