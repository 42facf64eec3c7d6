namespace RhvDr.Core.Engines;

/// <summary>A permit a DR run needs, why, and whether the engine checks it only on the system.</summary>
/// <param name="Name">The engine's permit name (an action group in lower case), e.g. <c>create_storage_domain</c>.</param>
/// <param name="SystemOnly">The engine checks it on the system object, so a grant on a data center does not count.</param>
public sealed record DrPermit(string Name, string Purpose, bool SystemOnly = false);
