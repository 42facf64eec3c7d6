using System.Security.Cryptography;

namespace RhvDr.Console.Security;

/// <summary>Headers every answer carries: no framing, no sniffing, no referrer, and a content policy fit for Blazor Server.</summary>
public static class SecurityHeaders
{
    private const string NonceItem = "RhvDr.CspNonce";

    // MudBlazor sets inline styles, and Blazor's circuit talks over a WebSocket to the same origin.
    // The one inline script, Blazor's import map, runs by the per-answer nonce that ContentSecurityPolicyFor adds.
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    /// <summary>This answer's script nonce: the page puts it on its inline import map, the policy allows just that script.</summary>
    public static string CspNonce(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items[NonceItem] is not string nonce)
        {
            nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            context.Items[NonceItem] = nonce;
        }
        return nonce;
    }

    /// <summary>The policy for one answer: <see cref="ContentSecurityPolicy"/> with that answer's script nonce.</summary>
    public static string ContentSecurityPolicyFor(string nonce) =>
        ContentSecurityPolicy.Replace("script-src 'self';", $"script-src 'self' 'nonce-{nonce}';", StringComparison.Ordinal);

    public static IApplicationBuilder UseRhvDrSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var nonce = CspNonce(context);
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            // Replaces the frame-ancestors-only policy Blazor adds to interactive pages: this one includes it.
            headers.ContentSecurityPolicy = ContentSecurityPolicyFor(nonce);
            return Task.CompletedTask;
        });
        await next(context);
    });
}
