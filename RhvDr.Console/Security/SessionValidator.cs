using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using RhvDr.Core.Security;

namespace RhvDr.Console.Security;

/// <summary>
/// Ends a cookie session whose account was disabled, deleted, or changed role or password since sign-in. The account is
/// read at most once per <see cref="Interval"/> per session (the cookie is then re-issued), not on every request and asset.
/// </summary>
public static class SessionValidator
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var time = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
        if (context.Properties.IssuedUtc is { } issued && time.GetUtcNow() - issued < Interval)
        {
            return;
        }
        var user = context.Principal;
        var name = user?.Identity?.Name;
        var stamp = user?.FindFirst(ConsoleClaims.Stamp)?.Value;
        var users = context.HttpContext.RequestServices.GetRequiredService<UserService>();
        if (name is null || stamp is null || await users.ValidateSessionAsync(name, stamp, context.HttpContext.RequestAborted) is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }
        // Re-issued with a fresh issue time: the next check is one interval from now.
        context.Properties.IssuedUtc = time.GetUtcNow();
        context.ShouldRenew = true;
    }
}
