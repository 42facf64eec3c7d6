using System.Reflection;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using RhvDr.Console.Security;
using RhvDr.Core.Audit;
using RhvDr.Core.Security;

namespace RhvDr.Console.Components.Controls;

/// <summary>
/// The refusal of a page opened inside a running session (the router's check, no HTTP request): shown to the user and
/// recorded in the audit trail, as the server records a page refused on a fresh load.
/// </summary>
public partial class NotAuthorizedView
{
    [Parameter, EditorRequired]
    public required AuthenticationState State { get; set; }

    /// <summary>The page that was refused, whose <c>[Authorize]</c> policies say which role it needs.</summary>
    [Parameter]
    public Type? Page { get; set; }

    [Inject]
    public required DeniedAccessRecorder Recorder { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    protected override async Task OnInitializedAsync()
    {
        var user = State.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            // A session that ended is asked to sign in again, not refused.
            return;
        }
        var actor = user.Identity.Name ?? DeniedAccess.Anonymous;
        var path = "/" + Navigation.ToBaseRelativePath(Navigation.Uri).Split('?', '#')[0];
        var needs = DeniedAccessResultHandler.Needs(Page?.GetCustomAttributes<AuthorizeAttribute>(inherit: true).Select(a => a.Policy) ?? []);
        var has = DeniedAccessResultHandler.Holds(user, actor);
        await Recorder.RecordAsync(
            new DeniedAccess(actor, user.FindFirstValue(ConsoleClaims.Source) ?? "unknown", $"page {path}", $"refused in an open session: {needs}; {has}"),
            CancellationToken.None);
    }
}
