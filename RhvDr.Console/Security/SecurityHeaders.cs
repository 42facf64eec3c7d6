namespace RhvDr.Console.Security;

/// <summary>Headers every answer carries: no framing, no sniffing, no referrer, and a content policy fit for Blazor Server.</summary>
public static class SecurityHeaders
{
    // MudBlazor sets inline styles, and Blazor's circuit talks over a WebSocket to the same origin.
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    public static IApplicationBuilder UseRhvDrSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            // Replaces the frame-ancestors-only policy Blazor adds to interactive pages: this one includes it.
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            return Task.CompletedTask;
        });
        await next(context);
    });
}
