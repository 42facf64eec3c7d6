using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using RhvDr.Core.Security;

namespace RhvDr.Console.Security;

/// <summary>
/// Sign-in through the organisation's identity provider: the role comes from a claim mapped in
/// <c>RhvDr:Security:Oidc:RoleMap</c>; the person is recorded as an external account and gets the console's own cookie.
/// </summary>
public static class OidcSignIn
{
    public const string SchemeName = "oidc";

    /// <summary>Where the identity provider sends the browser back to.</summary>
    public const string CallbackPath = "/account/oidc-callback";

    public static void Configure(OpenIdConnectOptions options, OidcOptions settings)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(settings);
        options.Authority = settings.Authority;
        options.ClientId = settings.ClientId;
        options.ClientSecret = settings.ClientSecret;
        options.ResponseType = OpenIdConnectResponseType.Code;
        options.UsePkce = true;
        options.SaveTokens = false;
        options.GetClaimsFromUserInfoEndpoint = true;
        options.MapInboundClaims = false;
        options.CallbackPath = CallbackPath;
        options.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
        options.Scope.Clear();
        options.Scope.Add("openid");
        options.Scope.Add("profile");
        options.Events.OnTicketReceived = context => OnTicketReceivedAsync(context, settings);
    }

    /// <summary>The role a set of claim values maps to: the highest mapped one; null when none is mapped.</summary>
    public static Role? MapRole(IEnumerable<string> claimValues, OidcOptions settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Role? best = null;
        foreach (var value in claimValues)
        {
            if (settings.RoleMap.TryGetValue(value, out var role) && (best is null || role > best))
            {
                best = role;
            }
        }
        return best;
    }

    private static async Task OnTicketReceivedAsync(TicketReceivedContext context, OidcOptions settings)
    {
        var principal = context.Principal!;
        var name = principal.FindFirstValue("preferred_username") ?? principal.FindFirstValue("email") ?? principal.FindFirstValue("sub");
        var role = MapRole(principal.FindAll(settings.RoleClaim).Select(c => c.Value), settings);
        var source = ConsoleClaims.SourceOf(context.HttpContext);
        if (name is null || role is null)
        {
            context.HandleResponse();
            context.Response.Redirect($"/account/login?error={Uri.EscapeDataString(name is null ? "The identity provider sent no user name." : $"{name} has no role in RhvDr: none of their '{settings.RoleClaim}' values is in RhvDr:Security:Oidc:RoleMap.")}");
            return;
        }
        var users = context.HttpContext.RequestServices.GetRequiredService<UserService>();
        var result = await users.SignInExternalAsync(name, principal.FindFirstValue("name"), role.Value, source, context.HttpContext.RequestAborted);
        if (!result.Succeeded || result.User is null)
        {
            context.HandleResponse();
            context.Response.Redirect($"/account/login?error={Uri.EscapeDataString(result.Message)}");
            return;
        }
        context.Principal = ConsoleClaims.Principal(result.User.Username, result.User.Role, "oidc", CookieAuthenticationDefaults.AuthenticationScheme, result.User.Stamp, source, result.User.DisplayName);
    }
}
