using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Http.Features;
using RhvDr.Core.Security;

namespace RhvDr.Console.Security;

/// <summary>
/// Sign-in for every page, API call and the hub: a cookie for people (local password or OpenID Connect), a bearer token for
/// automation. Roles are enforced by policies on endpoints and pages and again by Core's services.
/// </summary>
public static class SecurityConsoleExtensions
{
    public const string SelectorScheme = "RhvDr";
    public const string CookieName = "rhvdr.session";

    public static WebApplicationBuilder AddRhvDrConsoleSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.AddRhvDrSecurity();
        var security = builder.Configuration.GetSection(SecurityOptions.SectionName).Get<SecurityOptions>() ?? new SecurityOptions();

        var authentication = services.AddAuthentication(SelectorScheme)
            .AddPolicyScheme(SelectorScheme, "Cookie or API token", o =>
                o.ForwardDefaultSelector = context => ApiTokenAuthenticationHandler.Carries(context.Request)
                    ? ApiTokenAuthenticationHandler.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null)
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, o =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                // Strict: a cookie-authenticated API call can only come from the console's own pages (no cross-site request forgery).
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = security.RequireHttpsCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = security.SessionLifetime;
                o.SlidingExpiration = true;
                o.LoginPath = "/account/login";
                o.LogoutPath = "/account/logout";
                o.AccessDeniedPath = "/account/denied";
                o.Events.OnValidatePrincipal = SessionValidator.ValidateAsync;
                // Machines get status codes, not a redirect to an HTML form.
                o.Events.OnRedirectToLogin = context => RedirectOrStatusAsync(context, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = context => RedirectOrStatusAsync(context, StatusCodes.Status403Forbidden);
            });
        if (security.Oidc.Enabled)
        {
            authentication.AddOpenIdConnect(OidcSignIn.SchemeName, security.Oidc.DisplayName, o => OidcSignIn.Configure(o, security.Oidc));
        }

        services.AddAuthorizationBuilder()
            .AddPolicy(AuthorizationPolicies.Viewer, p => p.RequireAssertion(c => c.User.HasRole(Role.Viewer)))
            .AddPolicy(AuthorizationPolicies.Operator, p => p.RequireAssertion(c => c.User.HasRole(Role.Operator)))
            .AddPolicy(AuthorizationPolicies.Administrator, p => p.RequireAssertion(c => c.User.HasRole(Role.Administrator)))
            .AddPolicy(AuthorizationPolicies.MetricsScrape, p => p
                .AddAuthenticationSchemes(ApiTokenAuthenticationHandler.SchemeName)
                .RequireAssertion(c => c.User.HasRole(Role.Viewer)))
            // Everything not marked otherwise needs a signed-in user with a role: a new endpoint is closed by default.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAssertion(c => c.User.HasRole(Role.Viewer)).Build());

        services.AddDeniedAccessAudit();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingAuthenticationStateProvider>();
        services.AddScoped<CurrentActor>();
        services.AddHttpContextAccessor();
        return builder;
    }

    /// <summary>
    /// Every refusal of a policy goes into the audit trail (through <see cref="RhvDr.Core.Audit.DeniedAccessRecorder"/>, which
    /// the caller registers): endpoints and pages loaded over HTTP in the authorization result handler, hub methods in the
    /// authorization service SignalR asks, pages opened inside a running circuit in <c>NotAuthorizedView</c>.
    /// </summary>
    public static IServiceCollection AddDeniedAccessAudit(this IServiceCollection services)
    {
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, DeniedAccessResultHandler>();
        services.TryAddTransient<DefaultAuthorizationService>();
        services.Replace(ServiceDescriptor.Transient<IAuthorizationService, HubDeniedAccessAuthorizationService>());
        return services;
    }

    public static WebApplication UseRhvDrSecurity(this WebApplication app)
    {
        app.UseRhvDrSecurityHeaders();
        app.UseAuthentication();
        app.UseAuthorization();
        // Core's services check roles too; a refusal there is a 403 with its message, not a server error.
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (AccessDeniedException ex) when (!context.Response.HasStarted)
            {
                context.Response.Clear();
                await TypedResults.Problem(title: "Not allowed", detail: ex.Message, statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(context);
            }
        });
        return app;
    }

    /// <summary>Whether a refusal on <paramref name="path"/> is answered with a status code (machines) rather than a redirect to a form.</summary>
    public static bool AnswersWithStatus(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/hubs", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/_blazor", StringComparison.OrdinalIgnoreCase);

    private static Task RedirectOrStatusAsync(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (AnswersWithStatus(context.Request.Path))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
