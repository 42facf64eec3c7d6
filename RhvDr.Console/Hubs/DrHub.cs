using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using RhvDr.Console.Security;

namespace RhvDr.Console.Hubs;

/// <summary>
/// The public live stream for NOC wall screens, chat bots and scripts (<c>/hubs/dr</c>).
/// Server → client: <c>InventoryChanged</c> (every site's summary, at most once a second); <c>RunEvent</c> (one message
/// per event, to clients that called <c>SubscribeRun(runId)</c>, in sequence order); <c>RunEvents</c> (an array of events
/// in sequence order, one message per batch gathered over at most 50 ms, to clients that called
/// <c>SubscribeRunBatches(runId)</c>: what a wall screen or bot following a busy run should use); <c>IncidentChanged</c>
/// (the incident board: incidents, HA restart tracker, suggestions; at most once a second); <c>StateChanged</c> (the DR state
/// as <c>GET /api/state</c> answers it, when it changes, at most once a second).
/// </summary>
/// <remarks>Needs a signed-in user (the console's cookie) or an API token (<c>access_token</c> query or bearer header); any role.</remarks>
[Authorize(Policy = AuthorizationPolicies.Viewer)]
public sealed class DrHub : Hub
{
    public const string Path = "/hubs/dr";
    public const string InventoryChanged = nameof(InventoryChanged);
    public const string IncidentChanged = nameof(IncidentChanged);
    public const string StateChanged = nameof(StateChanged);

    public const string RunEvent = nameof(RunEvent);
    public const string RunEvents = nameof(RunEvents);

    public static string RunGroup(string runId) => $"run-{runId}";

    // Not starting with "run-", so no run id can make it collide with a RunGroup.
    public static string RunBatchGroup(string runId) => $"batched-run-{runId}";

    /// <summary>Receive <c>RunEvent</c> messages of one run from now on.</summary>
    public Task SubscribeRun(string runId) => Groups.AddToGroupAsync(Context.ConnectionId, RunGroup(runId));

    public Task UnsubscribeRun(string runId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, RunGroup(runId));

    /// <summary>
    /// Receive one run's events from now on as <c>RunEvents</c> messages: each an array of every event since the previous
    /// message, in sequence order, none missing or repeated; at most about 20 messages a second however busy the run.
    /// </summary>
    public Task SubscribeRunBatches(string runId) => Groups.AddToGroupAsync(Context.ConnectionId, RunBatchGroup(runId));

    public Task UnsubscribeRunBatches(string runId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, RunBatchGroup(runId));
}
