using Microsoft.AspNetCore.SignalR;
using RhvDr.Console.Api;
using RhvDr.Core.Monitoring;
using RhvDr.Core.Sites;

namespace RhvDr.Console.Hubs;

/// <summary>Forwards inventory changes to hub clients (<c>InventoryChanged</c>: every site's summary), at most one message a second.</summary>
public sealed class InventoryHubPublisher(IInventoryStore store, IHubContext<DrHub> hub, ILogger<InventoryHubPublisher> logger)
    : StoreHubPublisher<InventorySnapshot>(hub, logger, DrHub.InventoryChanged)
{
    protected override CoalescedSubscription<InventorySnapshot> Subscribe(TimeSpan minInterval) => store.Subscribe(minInterval);

    protected override object ToMessage(InventorySnapshot value) => value.Sites.Select(SiteSummaryDto.From).ToList();
}
