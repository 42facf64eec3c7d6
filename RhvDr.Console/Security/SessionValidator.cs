using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using RhvDr.Core.Security;

namespace RhvDr.Console.Security;

/// <summary>Ends a cookie session whose account was disabled, deleted, or changed role or password since sign-in.</summary>
public static class SessionValidator
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = context.Principal;
        var name = user?.Identity?.Name;
        var stamp = user?.FindFirst(ConsoleClaims.Stamp)?.Value;
        var users = context.HttpContext.RequestServices.GetRequiredService<UserService>();
        if (name is null || stamp is null || await users.ValidateSessionAsync(name, stamp, context.HttpContext.RequestAborted) is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }
}
