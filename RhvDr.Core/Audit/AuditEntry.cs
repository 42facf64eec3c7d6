namespace RhvDr.Core.Audit;

/// <summary>One thing to record: who did what to which object, with the object before and after (secrets masked).</summary>
/// <param name="Action">A stable dotted name from <see cref="AuditActions"/>, e.g. <c>run.start</c>.</param>
/// <param name="Target">The object acted on, e.g. a run id, a user name, a site name.</param>
/// <param name="Outcome"><c>ok</c>, <c>denied</c> or <c>failed</c>.</param>
/// <param name="Before">The object before the change (JSON or text); null when none.</param>
/// <param name="After">The object after the change (JSON or text); null when none.</param>
/// <param name="Detail">Free text: a reason, a note, an error.</param>
public sealed record AuditEntry(
    string Actor,
    string Source,
    string Action,
    string Target,
    string Outcome = AuditOutcomes.Ok,
    string? Before = null,
    string? After = null,
    string? Detail = null);
