using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using RhvDr.Core.Configuration;

namespace RhvDr.Console.Hosting;

/// <summary>
/// Caps request bodies by route: <c>PUT /api/mapping</c> and <c>PUT /api/plans</c> at <see cref="LimitsOptions.MappingMaxBytes"/>, every other
/// <c>/api/</c> request at <see cref="LimitsOptions.RequestMaxBytes"/>. A body announced larger is refused before it is read;
/// one that turns out larger while it is read (chunked) is stopped by the server at the limit. Either way the answer is 413
/// with a problem body naming the limit and its setting. Any other bad request the server itself rejects (Kestrel's
/// <see cref="BadHttpRequestException"/>) is answered with its own status and a problem body, never passed to the error page.
/// </summary>
public static class RequestLimits
{
    public static IApplicationBuilder UseRhvDrRequestLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var limits = context.RequestServices.GetRequiredService<IOptions<LimitsOptions>>().Value;
        var limit = LimitFor(context.Request, limits);
        if (limit is { } l)
        {
            if (context.Request.ContentLength > l.Bytes)
            {
                await TooLargeAsync(context, l).ConfigureAwait(false);
                return;
            }

            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = l.Bytes;
            }
        }

        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            if (ex.StatusCode == StatusCodes.Status413PayloadTooLarge && limit is { } over)
            {
                await TooLargeAsync(context, over).ConfigureAwait(false);
                return;
            }

            context.Response.Clear();
            await Results.Problem(title: "Bad request", detail: ex.Message, statusCode: ex.StatusCode).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        // Minimal API body binding answers a body cut off at the limit with a bare 413.
        if (context.Response is { StatusCode: StatusCodes.Status413PayloadTooLarge, HasStarted: false } && limit is { } cut)
        {
            await TooLargeAsync(context, cut).ConfigureAwait(false);
        }
    });

    /// <summary>The limit of this request, or null for pages, assets and the hub (the server's own limits apply there).</summary>
    public static (long Bytes, string Setting, string What)? LimitFor(HttpRequest request, LimitsOptions limits)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(limits);
        if (!request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var path = request.Path.Value?.TrimEnd('/') ?? "";
        if (HttpMethods.IsPut(request.Method) && string.Equals(path, "/api/plans", StringComparison.OrdinalIgnoreCase))
        {
            // A plans file grows with the estate like a mapping file does.
            return (limits.MappingMaxBytes, LimitsOptions.Setting(nameof(LimitsOptions.MappingMaxBytes)), "A plans document");
        }

        return HttpMethods.IsPut(request.Method) && string.Equals(path, "/api/mapping", StringComparison.OrdinalIgnoreCase)
            ? (limits.MappingMaxBytes, LimitsOptions.Setting(nameof(LimitsOptions.MappingMaxBytes)), "A DR mapping")
            : (limits.RequestMaxBytes, LimitsOptions.Setting(nameof(LimitsOptions.RequestMaxBytes)), "An API request body");
    }

    private static Task TooLargeAsync(HttpContext context, (long Bytes, string Setting, string What) limit)
    {
        context.Response.Clear();
        var size = context.Request.ContentLength is { } length ? $" This one is {length} bytes." : "";
        return Results.Problem(
            title: "Request body too large",
            detail: $"{limit.What} may be at most {limit.Bytes} bytes ({limit.Setting}).{size} Send less, or raise {limit.Setting} in the console's settings.",
            statusCode: StatusCodes.Status413PayloadTooLarge,
            extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { ["limitBytes"] = limit.Bytes, ["setting"] = limit.Setting })
            .ExecuteAsync(context);
    }
}
