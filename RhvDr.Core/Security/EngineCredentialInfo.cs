namespace RhvDr.Core.Security;

/// <summary>Which account the console uses on a site's engine and where it comes from; never the password.</summary>
/// <param name="Source"><c>console</c> (stored encrypted by an administrator), <c>configuration</c> or <c>lab</c>.</param>
public sealed record EngineCredentialInfo(string Site, string Username, string Source, string? UpdatedBy, DateTimeOffset? UpdatedAt);
