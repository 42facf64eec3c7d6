using RhvDr.Console.Security;
using RhvDr.Core.Drills;
using RhvDr.Core.Plans;
using RhvDr.Core.Security;

namespace RhvDr.Console.Api;

/// <summary>
/// <c>/api/plans/{name}/drills</c>: a plan's drill records, newest first and paged (Viewer), and a drill started now
/// (Operator): the same rules as a scheduled drill, so a drill that cannot run is recorded as skipped and answered with
/// <c>409</c> and its reason.
/// </summary>
public static class DrillsApi
{
    public const int DefaultLimit = 50;

    public const int MaxLimit = 500;

    public static IEndpointRouteBuilder MapDrillsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/plans/{name}/drills").WithTags("Plans").RequireAuthorization(AuthorizationPolicies.Viewer);

        group.MapGet("/", async (string name, int? limit, int? offset, IDrillStore drills, IPlanStore plans, CancellationToken ct) =>
        {
            if (limit is < 1 or > MaxLimit || offset is < 0)
            {
                return Results.Problem(title: "Bad paging",
                    detail: $"limit must be 1 to {MaxLimit} (default {DefaultLimit}) and offset 0 or more; got limit {limit?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, offset {offset?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}.",
                    statusCode: StatusCodes.Status400BadRequest);
            }

            var total = await drills.CountAsync(name, ct);
            if (total == 0 && await UnknownPlanAsync(name, plans, ct) is { } unknown)
            {
                return unknown;
            }

            var page = await drills.ListAsync(name, limit ?? DefaultLimit, offset ?? 0, ct);
            return TypedResults.Ok(new { plan = name, total, limit = limit ?? DefaultLimit, offset = offset ?? 0, drills = page });
        });

        group.MapPost("/", async (string name, HttpContext http, DrillRunner runner, DrillClock clock, IPlanStore plans, CancellationToken ct) =>
        {
            if (await UnknownPlanAsync(name, plans, ct) is { } unknown)
            {
                return unknown;
            }

            try
            {
                var started = await runner.StartAsync(name, clock.Now, http.ActorOf(), ct);
                return started.Skipped
                    ? Results.Problem(title: "Drill skipped", detail: $"The drill of plan '{started.Drill.Plan}' was skipped: {started.Drill.Reason}.",
                        statusCode: StatusCodes.Status409Conflict, extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { ["drill"] = started.Drill })
                    : Results.Accepted($"/api/plans/{started.Drill.Plan}/drills", started.Drill);
            }
            catch (AccessDeniedException ex)
            {
                return Results.Problem(title: "Not allowed", detail: ex.Message, statusCode: StatusCodes.Status403Forbidden);
            }
        }).RequireAuthorization(AuthorizationPolicies.Operator);

        return endpoints;
    }

    /// <summary>A 404 naming the plans of the active version when it has no plan <paramref name="name"/>; null when it has.</summary>
    private static async Task<IResult?> UnknownPlanAsync(string name, IPlanStore plans, CancellationToken ct)
    {
        var active = await plans.GetActiveAsync(ct);
        if (active?.Document.FindPlan(name) is not null)
        {
            return null;
        }

        return Results.Problem(title: "No such plan",
            detail: active is null
                ? $"There is no plan '{name}': no plans version without errors has been saved (PUT /api/plans)."
                : $"There is no plan '{name}' in the active plans version {active.Info.Version}. Plans: {(active.Document.Plans.Count == 0 ? "none" : string.Join(", ", active.Document.Plans.Select(p => p.Name)))}.",
            statusCode: StatusCodes.Status404NotFound);
    }
}
