using Microsoft.AspNetCore.SignalR;
using RhvDr.Console.Api;
using RhvDr.Core.Monitoring;
using RhvDr.Core.State;

namespace RhvDr.Console.Hubs;

/// <summary>Forwards DR state changes to hub clients (<c>StateChanged</c>), at most one message a second.</summary>
public sealed class DrStateHubPublisher(IDrStateStore store, IHubContext<DrHub> hub, ILogger<DrStateHubPublisher> logger)
    : StoreHubPublisher<DrState>(hub, logger, DrHub.StateChanged)
{
    protected override CoalescedSubscription<DrState> Subscribe(TimeSpan minInterval) => store.Subscribe(minInterval);

    protected override object ToMessage(DrState value) => DrStateDto.From(value);
}
