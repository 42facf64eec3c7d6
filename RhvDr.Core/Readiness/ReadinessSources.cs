using RhvDr.Core.Mapping;

namespace RhvDr.Core.Readiness;

/// <summary>
/// What readiness reads besides the inventory. The mapping parts are null when nothing implements them yet
/// (the mapping check then says it cannot run instead of passing).
/// </summary>
public sealed record ReadinessSources(IMappingStore? MappingStore, IMappingInventorySource? MappingInventory, IRecoveryHistory History);
