using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using RhvDr.Core.Security;

namespace RhvDr.Console.Security;

/// <summary>The claims a signed-in principal carries, and how they become an <see cref="Actor"/>.</summary>
public static class ConsoleClaims
{
    /// <summary>The account's stamp at sign-in; a session whose stamp no longer matches ends.</summary>
    public const string Stamp = "rhvdr:stamp";

    /// <summary>The address the person signed in from (a circuit has no request of its own to read it from).</summary>
    public const string Source = "rhvdr:source";

    /// <summary><c>password</c>, <c>oidc</c> or <c>token</c>.</summary>
    public const string Method = "rhvdr:method";

    public static ClaimsPrincipal Principal(string name, Role role, string method, string scheme, string? stamp = null, string? source = null, string? displayName = null)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, name),
            new(ClaimTypes.Role, role.ToString()),
            new(Method, method),
        };
        if (stamp is not null)
        {
            claims.Add(new Claim(Stamp, stamp));
        }
        if (source is not null)
        {
            claims.Add(new Claim(Source, source));
        }
        if (!string.IsNullOrWhiteSpace(displayName))
        {
            claims.Add(new Claim(ClaimTypes.GivenName, displayName));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>The principal's role; null when it has none the console knows.</summary>
    public static Role? RoleOf(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true)
        {
            return null;
        }
        Role? best = null;
        foreach (var claim in user.FindAll(ClaimTypes.Role))
        {
            if (Enum.TryParse<Role>(claim.Value, ignoreCase: true, out var role) && Enum.IsDefined(role) && (best is null || role > best))
            {
                best = role;
            }
        }
        return best;
    }

    public static bool HasRole(this ClaimsPrincipal user, Role needed) => user.RoleOf() is { } role && role >= needed;

    /// <summary>The actor behind a request or circuit; <paramref name="source"/> wins over the sign-in address when given.</summary>
    public static Actor ToActor(this ClaimsPrincipal user, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        var role = user.RoleOf() ?? throw new AccessDeniedException("Sign in first: this needs a signed-in user.");
        var name = user.Identity?.Name ?? throw new AccessDeniedException("Sign in first: this needs a signed-in user.");
        return new Actor(name, role, source ?? user.FindFirstValue(Source) ?? "unknown");
    }

    /// <summary>The actor behind an HTTP request: its principal, from the request's address.</summary>
    public static Actor ActorOf(this HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.User.ToActor(SourceOf(http));
    }

    public static string SourceOf(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>Gives a person who proved who they are the console's session cookie, remembering where they signed in from.</summary>
    public static Task SignInAsync(HttpContext http, UserAccount user, string method)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(user);
        var principal = Principal(user.Username, user.Role, method, CookieAuthenticationDefaults.AuthenticationScheme, user.Stamp, SourceOf(http), user.DisplayName);
        return http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
    }
}
