using RhvDr.Core.Monitoring;
using RhvDr.Core.Sites;

namespace RhvDr.Console.Api;

/// <summary><c>/api/sites</c>: both sites' health and inventory, read from the inventory store (never from an engine directly).</summary>
public static class SitesApi
{
    public static IEndpointRouteBuilder MapSitesApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/sites").WithTags("Sites");

        group.MapGet("/", (IInventoryStore store) =>
            TypedResults.Ok(store.Current.Sites.Select(SiteSummaryDto.From).ToList()));

        group.MapGet("/{site}", (string site, IInventoryStore store) =>
            WithSite(store, site, s => TypedResults.Ok(SiteSummaryDto.From(s))));

        group.MapGet("/{site}/hosts", (string site, IInventoryStore store) =>
            WithSite(store, site, s => TypedResults.Ok(s.Inventory.Hosts)));

        group.MapGet("/{site}/storagedomains", (string site, IInventoryStore store) =>
            WithSite(store, site, s => TypedResults.Ok(s.Inventory.StorageDomains)));

        group.MapGet("/{site}/vms", (string site, IInventoryStore store) =>
            WithSite(store, site, s => TypedResults.Ok(s.Inventory.Vms)));

        return endpoints;
    }

    private static IResult WithSite(IInventoryStore store, string site, Func<SiteSnapshot, IResult> answer)
    {
        var snapshot = store.Current.Find(site);
        if (snapshot is null)
        {
            var known = string.Join(", ", store.Current.Sites.Select(s => s.Site.Name));
            return TypedResults.Problem(
                title: "Unknown site",
                detail: $"There is no site named '{site}'. Configured sites: {known}.",
                statusCode: StatusCodes.Status404NotFound);
        }
        return answer(snapshot);
    }
}
