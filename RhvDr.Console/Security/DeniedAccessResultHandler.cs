using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Components.Endpoints;
using RhvDr.Core.Audit;
using RhvDr.Core.Security;

namespace RhvDr.Console.Security;

/// <summary>
/// Records every refusal of an endpoint's authorization policy (HTTP API, <c>/metrics</c>, the hub's connection, and a page
/// loaded over HTTP) in the audit trail before the usual 401, 403 or redirect answers it. A browser without a sign-in that
/// opens a page is sent to the sign-in form: that is not recorded.
/// </summary>
public sealed class DeniedAccessResultHandler(DeniedAccessRecorder recorder) : IAuthorizationMiddlewareResultHandler
{
    private const int MaxPathLength = 200;

    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (Refusal(context, authorizeResult) is { } access)
        {
            // Not the request's token: a caller that hangs up is recorded all the same.
            await recorder.RecordAsync(access, CancellationToken.None);
        }
        await _default.HandleAsync(next, context, policy, authorizeResult);
    }

    /// <summary>What the audit trail says about this refusal; null when the request is not refused or is a sign-in redirect.</summary>
    public static DeniedAccess? Refusal(HttpContext context, PolicyAuthorizationResult result)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(result);
        var endpoint = context.GetEndpoint();
        var isPage = endpoint?.Metadata.GetMetadata<ComponentTypeMetadata>() is not null;
        var path = (context.Request.PathBase + context.Request.Path).ToString();
        if (path.Length > MaxPathLength)
        {
            path = path[..MaxPathLength] + "…";
        }
        var what = isPage ? $"page {path}" : $"{context.Request.Method} {path}";
        var source = ConsoleClaims.SourceOf(context);
        if (result.Forbidden)
        {
            var user = context.User;
            var actor = user.Identity?.Name ?? DeniedAccess.Anonymous;
            var has = DeniedAccessResultHandler.Holds(user, actor);
            return new DeniedAccess(actor, source, what, $"403: {Needs(endpoint)}; {has}");
        }
        if (result.Challenged && (ApiTokenAuthenticationHandler.Carries(context.Request) || SecurityConsoleExtensions.AnswersWithStatus(context.Request.Path)))
        {
            var why = ApiTokenAuthenticationHandler.Carries(context.Request)
                ? "the API token is unknown or revoked"
                : "no sign-in or API token";
            return new DeniedAccess(DeniedAccess.Anonymous, source, what, $"401: {why}");
        }
        return null;
    }

    /// <summary>Which role the refused caller has, in words: <c>anna has the Viewer role</c>.</summary>
    public static string Holds(ClaimsPrincipal user, string actor)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.RoleOf() is { } role ? $"{actor} has the {role} role" : $"{actor} has no role";
    }

    /// <summary>The policies an endpoint or hub method names, in words.</summary>
    public static string Needs(Endpoint? endpoint) => Needs(endpoint?.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy) ?? []);

    /// <summary>
    /// The named policies in words; of the role policies only the highest counts (every page needs Viewer, some also more).
    /// </summary>
    public static string Needs(IEnumerable<string?> policies)
    {
        var named = policies.OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var roles = named.Select(p => Enum.TryParse<Role>(p, out var role) && Enum.IsDefined(role) ? role : (Role?)null).OfType<Role>().ToList();
        var words = new List<string>();
        if (roles.Count > 0)
        {
            words.Add($"needs the {roles.Max()} role");
        }
        foreach (var policy in named.Where(p => !Enum.TryParse<Role>(p, out _)))
        {
            words.Add(policy == AuthorizationPolicies.MetricsScrape ? "needs an API token" : $"needs policy {policy}");
        }
        return words.Count == 0 ? "needs a signed-in user with a role" : string.Join(" and ", words);
    }
}
