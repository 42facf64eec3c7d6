namespace RhvDr.Core.Engines;

/// <summary>
/// One line of a site's check: what was checked, how it came out, what was found and, when not OK, what to do.
/// </summary>
/// <param name="Topic">reachable, tls, sign-in, version, permissions or lab.</param>
/// <param name="Details">Items behind the message, one per entry (each missing permit and what a run uses it for).</param>
public sealed record EngineCheckLine(string Topic, EngineCheckLevel Level, string Message, string? Fix = null, IReadOnlyList<string>? Details = null);
