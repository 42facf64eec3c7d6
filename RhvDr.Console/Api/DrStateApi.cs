using RhvDr.Core.State;

namespace RhvDr.Console.Api;

/// <summary><c>GET /api/state</c>: the DR state (any signed-in role), as the banner shows it.</summary>
public static class DrStateApi
{
    public static IEndpointRouteBuilder MapDrStateApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/state", (IDrStateStore store) => TypedResults.Ok(DrStateDto.From(store.Current))).WithTags("State");
        return endpoints;
    }
}
