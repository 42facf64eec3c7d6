using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using RhvDr.Core.Security;
using RhvDr.Console.Components.Account;

namespace RhvDr.Console.Security;

/// <summary>Sign-out (a form post with an antiforgery token), the identity provider's sign-in, and who-am-I for scripts.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // A [FromForm] parameter makes the framework validate the antiforgery token of the posted form.
        endpoints.MapPost("/account/logout", async (HttpContext http, UserService users, [FromForm] string? returnUrl) =>
        {
            if (http.User.Identity?.Name is { } name)
            {
                await users.RecordSignOutAsync(name, ConsoleClaims.SourceOf(http), http.RequestAborted);
            }
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return TypedResults.LocalRedirect("/account/login");
        }).AllowAnonymous();

        // Without RhvDr:Security:Oidc there is no such scheme to challenge: the sign-in is simply not here.
        endpoints.MapGet("/account/login/oidc", async Task<IResult> (string? returnUrl, IAuthenticationSchemeProvider schemes) =>
            await schemes.GetSchemeAsync(OidcSignIn.SchemeName) is null
                ? TypedResults.Problem(title: "No identity provider", detail: "Sign-in through an identity provider is not configured (RhvDr:Security:Oidc); sign in with a user name and password.", statusCode: StatusCodes.Status404NotFound)
                : TypedResults.Challenge(new AuthenticationProperties { RedirectUri = LocalReturnUrl.Of(returnUrl) }, [OidcSignIn.SchemeName]))
            .AllowAnonymous();
        // With a provider configured its handler answers the callback before routing; a request that gets here has no provider.
        endpoints.MapMethods(OidcSignIn.CallbackPath, [HttpMethods.Get, HttpMethods.Post], () =>
            TypedResults.Problem(title: "No identity provider", detail: "Sign-in through an identity provider is not configured (RhvDr:Security:Oidc).", statusCode: StatusCodes.Status404NotFound))
            .AllowAnonymous().DisableAntiforgery();

        endpoints.MapGet("/api/me", (HttpContext http) =>
        {
            var actor = http.ActorOf();
            return TypedResults.Ok(new { name = actor.Name, role = actor.Role, method = http.User.FindFirstValue(ConsoleClaims.Method) });
        }).WithTags("Account");
        return endpoints;
    }
}
