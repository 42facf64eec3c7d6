using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using RhvDr.Core.Security;

namespace RhvDr.Console.Security;

/// <summary>
/// <c>Authorization: Bearer rhvdr_…</c> for the API and <c>/metrics</c>; the hub also takes the token as
/// <c>access_token</c> in the query string, because browsers cannot set headers on WebSockets.
/// </summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiTokenService tokens) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = TokenOf(Request);
        if (token is null)
        {
            return AuthenticateResult.NoResult();
        }
        var info = await tokens.ValidateAsync(token, Context.RequestAborted);
        if (info is null)
        {
            // Never echo the token: only that it was not accepted.
            return AuthenticateResult.Fail("The API token is unknown or revoked.");
        }
        var principal = ConsoleClaims.Principal($"token:{info.Name}", info.Role, "token", SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"RhvDr\"";
        return Task.CompletedTask;
    }

    /// <summary>Whether the request carries a token at all (then this scheme, not the cookie, decides).</summary>
    public static bool Carries(HttpRequest request) => TokenOf(request) is not null;

    private static string? TokenOf(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }
        if (request.Path.StartsWithSegments("/hubs", StringComparison.OrdinalIgnoreCase) && request.Query.TryGetValue("access_token", out var query) && !string.IsNullOrEmpty(query))
        {
            return query.ToString();
        }
        return null;
    }
}
