using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using RhvDr.Core.Security;

namespace RhvDr.Console.Security;

/// <summary>
/// An open page re-checks its user every minute: a disabled account or a changed role or password ends the circuit's
/// sign-in, not only the next page load.
/// </summary>
public sealed class RevalidatingAuthenticationStateProvider(ILoggerFactory loggers, UserService users)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var user = authenticationState.User;
        if (user.FindFirstValue(ConsoleClaims.Method) == "token")
        {
            return true;
        }
        var name = user.Identity?.Name;
        var stamp = user.FindFirstValue(ConsoleClaims.Stamp);
        return name is not null && stamp is not null && await users.ValidateSessionAsync(name, stamp, cancellationToken) is not null;
    }
}
