using Microsoft.AspNetCore.Components.Authorization;
using RhvDr.Core.Security;

namespace RhvDr.Console.Security;

/// <summary>Who is at the keyboard of this circuit, for pages that act: read at the moment of acting, so a revoked role counts.</summary>
public sealed class CurrentActor(AuthenticationStateProvider authentication)
{
    public async Task<Actor> GetAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return state.User.ToActor();
    }

    /// <summary>Whether the user has at least <paramref name="role"/>; false when signed out.</summary>
    public async Task<bool> HasAsync(Role role)
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return state.User.HasRole(role);
    }
}
