using RhvDr.Core.Mapping;

namespace RhvDr.Core.Readiness;

/// <summary>
/// What readiness reads besides the inventory. The mapping parts are null when nothing implements them yet
/// (the mapping check then says it cannot run instead of passing).
/// </summary>
/// <param name="LastRead">The last mapping inventory read from each site: what the mapping check uses for a primary that does not answer.</param>
public sealed record ReadinessSources(IMappingStore? MappingStore, IMappingInventorySource? MappingInventory, IRecoveryHistory History, MappingInventoryMemory? LastRead = null);
