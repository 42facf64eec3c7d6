namespace RhvDr.Core.Audit;

/// <summary>A filter over the audit trail; null fields do not filter. Newest first.</summary>
/// <param name="Actor">An exact actor name, case-insensitive.</param>
/// <param name="Action">An exact action or a prefix ending in a dot, e.g. <c>run.</c>.</param>
/// <param name="Text">Matched (case-insensitive) against target, detail, before and after.</param>
/// <param name="From">The earliest time included.</param>
/// <param name="To">The first time no longer included (exclusive).</param>
/// <param name="Limit">At most this many entries, clamped to 1..5000.</param>
public sealed record AuditQuery(
    string? Actor = null,
    string? Action = null,
    string? Text = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    int Limit = 500);
