namespace RhvDr.Core.Mapping;

/// <summary>Reads what mapping validation and generation need from one site's engine, through the oVirt client.</summary>
public interface IMappingInventorySource
{
    /// <summary>The site's objects; throws an <c>EngineException</c> when the engine cannot be read.</summary>
    Task<MappingInventory> ReadAsync(string site, CancellationToken cancellationToken = default);
}
