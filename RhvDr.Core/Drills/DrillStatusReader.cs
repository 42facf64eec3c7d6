using RhvDr.Core.Plans;

namespace RhvDr.Core.Drills;

/// <summary>The drill status of every plan of the active plans version that has a drill schedule, for readiness.</summary>
public sealed class DrillStatusReader(IPlanStore plans, IDrillStore store)
{
    public async Task<IReadOnlyList<PlanDrillStatus>> ReadAsync(CancellationToken cancellationToken)
    {
        var active = await plans.GetActiveAsync(cancellationToken).ConfigureAwait(false);
        if (active is null)
        {
            return [];
        }

        var statuses = new List<PlanDrillStatus>();
        foreach (var plan in active.Document.Plans.Where(p => p.Drill is not null))
        {
            var calendar = DrillCalendar.TryCreate(plan.Drill!, out var error);
            var lastRun = await store.GetLastFinishedAsync(plan.Name, cancellationToken).ConfigureAwait(false);
            var latest = (await store.ListAsync(plan.Name, 1, 0, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
            statuses.Add(new PlanDrillStatus(plan.Name, calendar, error, lastRun, latest));
        }

        return statuses;
    }
}
