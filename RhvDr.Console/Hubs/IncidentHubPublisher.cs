using Microsoft.AspNetCore.SignalR;
using RhvDr.Console.Api;
using RhvDr.Core.Incidents;
using RhvDr.Core.Monitoring;

namespace RhvDr.Console.Hubs;

/// <summary>Forwards incident board changes to hub clients (<c>IncidentChanged</c>), at most one message a second.</summary>
public sealed class IncidentHubPublisher(IIncidentStore store, IHubContext<DrHub> hub, ILogger<IncidentHubPublisher> logger)
    : StoreHubPublisher<IncidentBoard>(hub, logger, DrHub.IncidentChanged)
{
    protected override CoalescedSubscription<IncidentBoard> Subscribe(TimeSpan minInterval) => store.Subscribe(minInterval);

    protected override object ToMessage(IncidentBoard value) => IncidentBoardDto.From(value);
}
