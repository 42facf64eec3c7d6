using System.Diagnostics.CodeAnalysis;
using RhvDr.Core.Recovery;

namespace RhvDr.Core.Notifications;

/// <summary>
/// Picks the status changes out of a run's event stream: a run event carrying the run whose status differs from the last
/// one seen, or a new prompt (a run that waits again). Other run updates (the recovery point recorded) are not changes.
/// </summary>
public sealed class RunStatusTracker
{
    private readonly Dictionary<string, RunStatus> _last = new(StringComparer.Ordinal);

    public bool IsChange(RunEvent runEvent, [NotNullWhen(true)] out RecoveryRun? run)
    {
        ArgumentNullException.ThrowIfNull(runEvent);
        run = runEvent.Payload as RecoveryRun;
        if (run is null)
        {
            return false;
        }

        var changed = runEvent.Kind == RunEventKind.Prompt || !_last.TryGetValue(run.Id, out var last) || last != run.Status;

        // A finished run publishes nothing more unless resumed, which is a change from any status.
        if (run.IsActive)
        {
            _last[run.Id] = run.Status;
        }
        else
        {
            _last.Remove(run.Id);
        }
        return changed;
    }
}
