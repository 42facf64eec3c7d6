using RhvDr.Console.Security;
using RhvDr.Core.Engines;

namespace RhvDr.Console.Api;

/// <summary><c>GET /api/engines/check</c>: the engine check of every site, as the <c>check --json</c> command prints it (Administrator).</summary>
public static class EngineCheckApi
{
    public static IEndpointRouteBuilder MapEngineCheckApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/engines/check", async (IEngineChecker checker, CancellationToken ct) => TypedResults.Ok(await checker.CheckAsync(ct)))
            .WithTags("Engines")
            .RequireAuthorization(AuthorizationPolicies.Administrator);
        return endpoints;
    }
}
