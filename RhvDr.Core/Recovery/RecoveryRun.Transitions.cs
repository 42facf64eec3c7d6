namespace RhvDr.Core.Recovery;

/// <summary>
/// A run's life as transitions: each returns the run after it, or refuses with a <see cref="RunRequestException"/> that
/// says why in words. The runner, the API and the run page ask here rather than repeat the rules.
/// </summary>
public sealed partial record RecoveryRun
{
    /// <summary>An approval or rejection is written into the audit trail and the report: it must say something.</summary>
    public const int MinimumReasonLength = 5;

    public bool IsFinished => Status is RunStatus.Succeeded or RunStatus.Failed or RunStatus.Cancelled;

    /// <summary>
    /// Whether this run decides what sits at its target site for the runs after it: a cleanup once it succeeded; any other
    /// run unless it was cancelled, except a test cancelled after it started, whose copies may be there for its cleanup.
    /// </summary>
    public bool ShapesTarget => Kind == RunKind.Cleanup
        ? Status == RunStatus.Succeeded
        : Status != RunStatus.Cancelled || (Kind == RunKind.Test && StartedAt is not null);

    /// <summary>Whether <paramref name="user"/> asked for this run (names compare case-insensitively, as sign-in does).</summary>
    public bool IsRequestedBy(string? user) => string.Equals(RequestedBy, user, StringComparison.OrdinalIgnoreCase);

    /// <summary>Why <paramref name="user"/> may not approve or reject this run with <paramref name="reason"/>; null when they may (four-eyes).</summary>
    public string? DecisionRefusal(string user, string? reason)
    {
        if (Status != RunStatus.AwaitingApproval)
        {
            return $"Run {Id} is {Text(Status)}; only a run awaiting approval can be approved or rejected.";
        }

        if (IsRequestedBy(user))
        {
            return $"{user} requested run {Id}: a second operator must approve or reject it (four-eyes).";
        }

        return string.IsNullOrWhiteSpace(reason) || reason.Trim().Length < MinimumReasonLength
            ? $"Write a reason of at least {MinimumReasonLength} characters: it goes into the audit trail and the run report."
            : null;
    }

    /// <summary>Whether <paramref name="user"/> could approve this run once they have written a reason.</summary>
    public bool MayDecide(string? user) => Status == RunStatus.AwaitingApproval && user is not null && !IsRequestedBy(user);

    public RecoveryRun Approve(string by, string reason, DateTimeOffset at) => Refuse(DecisionRefusal(by, reason)) ?? this with
    {
        Status = RunStatus.Pending,
        Prompt = null,
        ApprovedBy = by,
        ApprovalReason = reason.Trim(),
        ApprovedAt = at,
    };

    public RecoveryRun Reject(string by, string reason, DateTimeOffset at) => Refuse(DecisionRefusal(by, reason)) ?? this with
    {
        Status = RunStatus.Cancelled,
        Prompt = null,
        FinishedAt = at,
        Error = $"Not approved: {by} rejected it: {reason.Trim()}",
    };

    /// <summary>Why the run cannot be resumed; null when it can (only an interrupted or failed run continues).</summary>
    public string? ResumeRefusal() => Status switch
    {
        RunStatus.Interrupted or RunStatus.Failed => null,
        RunStatus.Waiting => $"Run {Id} is waiting for an operator: confirm its prompt or cancel it; resume continues only an interrupted or failed run.",
        _ => $"Run {Id} is {Text(Status)}; only an interrupted or failed run can be resumed.",
    };

    /// <summary>The engine takes the run: a pending run starts, a resumed one keeps its first start time.</summary>
    public RecoveryRun Start(DateTimeOffset at) =>
        Refuse(Status is RunStatus.Pending or RunStatus.Interrupted or RunStatus.Failed ? null : $"Run {Id} is {Text(Status)} and cannot start.")
        ?? this with { Status = RunStatus.Running, StartedAt = StartedAt ?? at, FinishedAt = null, Error = null, Prompt = null };

    public RecoveryRun Wait(string instructions) =>
        Refuse(Status is RunStatus.Running or RunStatus.Waiting ? null : $"Run {Id} is {Text(Status)}; only a running run waits for an operator.")
        ?? this with { Status = RunStatus.Waiting, Prompt = instructions };

    public RecoveryRun Continue() =>
        Refuse(Status == RunStatus.Waiting ? null : $"Run {Id} is {Text(Status)} and is not waiting for a confirmation.")
        ?? this with { Status = RunStatus.Running, Prompt = null };

    public RecoveryRun Succeed(DateTimeOffset at) => this with { Status = RunStatus.Succeeded, FinishedAt = at, Prompt = null };

    public RecoveryRun Fail(string error, DateTimeOffset at) => this with { Status = RunStatus.Failed, FinishedAt = at, Error = error, Prompt = null };

    /// <summary>An active run ends cancelled; a finished one refuses.</summary>
    public RecoveryRun Cancel(DateTimeOffset at) =>
        Refuse(IsActive ? null : $"Run {Id} is already {Text(Status)}.") ?? this with { Status = RunStatus.Cancelled, FinishedAt = at, Prompt = null };

    /// <summary>The console stopped under the run; it can be resumed.</summary>
    public RecoveryRun Interrupt() => this with { Status = RunStatus.Interrupted, Prompt = null };

    private static RecoveryRun? Refuse(string? refusal) => refusal is null ? null : throw new RunRequestException(refusal);

    private static string Text(RunStatus status) => status switch
    {
        RunStatus.AwaitingApproval => "awaiting approval",
        _ => status.ToString().ToLowerInvariant(),
    };
}
