using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using RhvDr.Core.Audit;
using RhvDr.Core.Ovirt;
using RhvDr.Core.Security;

namespace RhvDr.Core.Incidents;

/// <summary>
/// "Start these VMs" on a "still down" incident: asks each VM's engine to start the VMs of the incident that are down, through
/// the same engine client the runs use. Operator role; audited with what was started and what was refused. The incident
/// closes by itself once the monitor sees them all running.
/// </summary>
public sealed partial class StillDownStarter(IIncidentStore incidents, IEngineClientFactory clients, IAuditTrail audit, ILogger<StillDownStarter> logger)
{
    private const int Parallelism = 8;

    /// <summary>Null when there is no such incident.</summary>
    public async Task<StillDownStartResult?> StartAsync(long incidentId, Actor by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(by);
        var target = $"incident {incidentId}";
        if (!by.Can(Role.Operator))
        {
            await audit.AppendAsync(new AuditEntry(by.Name, by.Source, AuditActions.IncidentStartVms, target, AuditOutcomes.Denied, Detail: "needs the Operator role"), cancellationToken).ConfigureAwait(false);
            by.Require(Role.Operator, "start the VMs of an incident");
        }

        var board = incidents.Current;
        if (board.Incidents.FirstOrDefault(i => i.Id == incidentId) is not { } incident)
        {
            return null;
        }
        if (incident.Kind != IncidentKind.VmsStillDown || !incident.IsOpen || board.StillDownOf(incidentId) is not { } list)
        {
            var why = incident.Kind != IncidentKind.VmsStillDown
                ? $"Incident {incidentId} is not about VMs still down after an outage; there is nothing to start."
                : !incident.IsOpen
                    ? $"Incident {incidentId} is closed; its VMs run or were left down on purpose."
                    : $"The console no longer knows which VMs incident {incidentId} waits for (it restarted since). Start them at the engine, then acknowledge the incident.";
            return new StillDownStartResult(incidentId, [], [], why);
        }

        var started = new ConcurrentBag<string>();
        var failed = new ConcurrentBag<StillDownStartFailure>();
        var correlation = $"rhvdr-incident-{incidentId}";
        // Only VMs that are down: one on its way up, or paused, is left to the engine.
        var down = list.Vms.Where(v => v.IsDown).ToList();
        await Parallel.ForEachAsync(down, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (vm, ct) =>
        {
            try
            {
                var client = await clients.GetClientAsync(vm.Site, ct).ConfigureAwait(false);
                await client.PostActionAsync($"vms/{vm.Id}/start", new { }, correlation, ct).ConfigureAwait(false);
                started.Add(vm.Name);
            }
            catch (EngineException ex)
            {
                LogStartFailed(logger, ex, vm.Name, vm.Site);
                failed.Add(new StillDownStartFailure(vm.Name, vm.Site, ex.Message));
            }
        }).ConfigureAwait(false);

        var result = new StillDownStartResult(
            incidentId,
            [.. started.Order(StringComparer.Ordinal)],
            [.. failed.OrderBy(f => f.Name, StringComparer.Ordinal)]);
        var detail = $"{incident.Title}: started {result.Started.Count} of {down.Count} VMs that were down"
            + (result.Failed.Count == 0 ? "" : $"; refused: {string.Join("; ", result.Failed.Select(f => $"{f.Name} ({f.Reason})"))}");
        await audit.AppendAsync(new AuditEntry(by.Name, by.Source, AuditActions.IncidentStartVms, target, result.Failed.Count == 0 ? AuditOutcomes.Ok : AuditOutcomes.Failed, Detail: detail), cancellationToken).ConfigureAwait(false);
        return result;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Starting VM {Vm} at {Site} failed")]
    private static partial void LogStartFailed(ILogger logger, Exception ex, string vm, string site);
}
