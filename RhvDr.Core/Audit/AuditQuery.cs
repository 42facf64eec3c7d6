namespace RhvDr.Core.Audit;

/// <summary>A filter over the audit trail; null fields do not filter. Newest first.</summary>
/// <param name="Action">An exact action or a prefix ending in a dot, e.g. <c>run.</c>.</param>
/// <param name="Text">Matched (case-insensitive) against target, detail, before and after.</param>
public sealed record AuditQuery(
    string? Actor = null,
    string? Action = null,
    string? Text = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    int Limit = 500);
