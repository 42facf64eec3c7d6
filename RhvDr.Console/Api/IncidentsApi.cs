using RhvDr.Console.Security;
using RhvDr.Core.Incidents;

namespace RhvDr.Console.Api;

/// <summary>
/// <c>/api/incidents</c>: the incident board (open and recent incidents, HA restart tracker, suggestions, VMs still down),
/// acknowledgement, and starting the VMs of a "still down" incident.
/// </summary>
public static class IncidentsApi
{
    public static IEndpointRouteBuilder MapIncidentsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/incidents").WithTags("Incidents");

        group.MapGet("/", (IIncidentStore store) => TypedResults.Ok(IncidentBoardDto.From(store.Current)));

        group.MapGet("/{id:long}", (long id, IIncidentStore store) =>
            store.Current.Incidents.FirstOrDefault(i => i.Id == id) is { } incident
                ? Results.Ok(incident)
                : NotFound(id));

        group.MapPost("/{id:long}/ack", async (long id, AcknowledgeRequest? request, IIncidentStore store, HttpContext http, CancellationToken cancellationToken) =>
        {
            var incident = await store.AcknowledgeAsync(id, http.ActorOf(), request?.Note, cancellationToken);
            return incident is null ? NotFound(id) : Results.Ok(incident);
        }).RequireAuthorization(AuthorizationPolicies.Operator);

        // "Start these VMs" on a "still down" incident: 200 with what was started and refused; 409 when there is nothing to start.
        group.MapPost("/{id:long}/start-vms", async (long id, StillDownStarter starter, HttpContext http, CancellationToken cancellationToken) =>
        {
            var result = await starter.StartAsync(id, http.ActorOf(), cancellationToken);
            return result switch
            {
                null => NotFound(id),
                { Message: { } message } => TypedResults.Problem(title: "Nothing to start", detail: message, statusCode: StatusCodes.Status409Conflict),
                _ => Results.Ok(result),
            };
        }).RequireAuthorization(AuthorizationPolicies.Operator);

        return endpoints;
    }

    private static IResult NotFound(long id) =>
        TypedResults.Problem(title: "Unknown incident", detail: $"There is no incident {id}.", statusCode: StatusCodes.Status404NotFound);
}
