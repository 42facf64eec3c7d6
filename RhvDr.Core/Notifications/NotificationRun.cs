using RhvDr.Core.Recovery;

namespace RhvDr.Core.Notifications;

/// <summary>A run as a notification carries it: what it is, between which sites, where it stands and who asked.</summary>
public sealed record NotificationRun(
    string Id,
    RunKind Kind,
    RunMode Mode,
    RunStatus Status,
    string Source,
    string Target,
    string RequestedBy,
    string? ApprovedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? Prompt,
    string? Error,
    DateTimeOffset? RecoveryPoint)
{
    public static NotificationRun From(RecoveryRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new NotificationRun(
            run.Id, run.Kind, run.Mode, run.Status, run.SourceSite, run.TargetSite, run.RequestedBy, run.ApprovedBy,
            run.CreatedAt, run.StartedAt, run.FinishedAt, run.Prompt, run.Error, run.RecoveryPoint);
    }
}
