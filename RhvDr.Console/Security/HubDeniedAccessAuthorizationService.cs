using System.Reflection;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using RhvDr.Core.Audit;

namespace RhvDr.Console.Security;

/// <summary>
/// The authorization service, recording a hub method call that its method's policy refuses. SignalR checks a hub method's
/// <c>[Authorize]</c> through this service with the call as the resource, after the connection itself was allowed; every
/// other check (pages asking what to show, endpoints) passes through unrecorded, since those refusals are recorded where
/// they are answered.
/// </summary>
public sealed class HubDeniedAccessAuthorizationService(DefaultAuthorizationService inner, DeniedAccessRecorder recorder) : IAuthorizationService
{
    public async Task<AuthorizationResult> AuthorizeAsync(ClaimsPrincipal user, object? resource, IEnumerable<IAuthorizationRequirement> requirements)
    {
        var result = await inner.AuthorizeAsync(user, resource, requirements);
        await RecordAsync(user, resource, result);
        return result;
    }

    public async Task<AuthorizationResult> AuthorizeAsync(ClaimsPrincipal user, object? resource, string policyName)
    {
        var result = await inner.AuthorizeAsync(user, resource, policyName);
        await RecordAsync(user, resource, result);
        return result;
    }

    private Task RecordAsync(ClaimsPrincipal user, object? resource, AuthorizationResult result)
    {
        if (result.Succeeded || resource is not HubInvocationContext call)
        {
            return Task.CompletedTask;
        }
        var actor = user.Identity?.Name ?? DeniedAccess.Anonymous;
        var http = call.Context.GetHttpContext();
        var source = http is null ? user.FindFirstValue(ConsoleClaims.Source) ?? "unknown" : ConsoleClaims.SourceOf(http);
        var needs = DeniedAccessResultHandler.Needs(call.HubMethod.GetCustomAttributes<AuthorizeAttribute>(inherit: true).Select(a => a.Policy));
        var has = DeniedAccessResultHandler.Holds(user, actor);
        return recorder.RecordAsync(
            new DeniedAccess(actor, source, $"hub {call.Hub.GetType().Name}.{call.HubMethodName}", $"refused hub call: {needs}; {has}"),
            CancellationToken.None);
    }
}
