namespace RhvDr.Core.Mapping;

/// <summary>One site's mapping inventory as the console last read it from the site's engine, and when.</summary>
public sealed record LastMappingInventory(string Site, MappingInventory Inventory, DateTimeOffset ReadAt);
