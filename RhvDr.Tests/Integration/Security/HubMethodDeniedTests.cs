using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RhvDr.Console.Security;
using RhvDr.Core.Audit;
using RhvDr.Core.Security;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.Security;

/// <summary>
/// A hub method above the caller's role, called over a real SignalR connection: SignalR refuses it and the console's
/// refusal audit (<see cref="SecurityConsoleExtensions.AddDeniedAccessAudit"/>) records it. The console's own hub has no
/// method above Viewer, so this host serves a hub that has one.
/// </summary>
public sealed class HubMethodDeniedTests : IAsyncLifetime
{
    private readonly RecordingAuditTrail _audit = new();
    private WebApplication _app = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddSignalR();
        builder.Services.AddAuthentication(RoleHeaderHandler.SchemeName).AddScheme<AuthenticationSchemeOptions, RoleHeaderHandler>(RoleHeaderHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AuthorizationPolicies.Viewer, p => p.RequireAssertion(c => c.User.HasRole(Role.Viewer)))
            .AddPolicy(AuthorizationPolicies.Operator, p => p.RequireAssertion(c => c.User.HasRole(Role.Operator)));
        builder.Services.AddSingleton(new DeniedAccessRecorder(_audit, TimeProvider.System, Options.Create(new SecurityOptions()), NullLogger<DeniedAccessRecorder>.Instance));
        builder.Services.AddDeniedAccessAudit();
        _app = builder.Build();
        _app.UseAuthentication();
        _app.UseAuthorization();
        _app.MapHub<WallHub>("/hubs/wall");
        await _app.StartAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Invoke_ViewerCallsOperatorMethod_RefusedAndRecordedDenied()
    {
        await using var viewer = Connect("viewer");
        await viewer.StartAsync();

        var refused = await Assert.ThrowsAsync<HubException>(() => viewer.InvokeAsync("Fence", "host-1"));
        var allowed = await viewer.InvokeAsync<string>("Status");

        Assert.Contains("unauthorized", refused.Message, StringComparison.Ordinal);
        Assert.Equal("ok", allowed);
        var entry = Assert.Single(_audit.Records);
        Assert.Equal(("token:wall-viewer", AuditActions.AccessDenied, "hub WallHub.Fence", AuditOutcomes.Denied, "refused hub call: needs the Operator role; token:wall-viewer has the Viewer role"),
            (entry.Actor, entry.Action, entry.Target, entry.Outcome, entry.Detail));
    }

    [Fact]
    public async Task Invoke_OperatorCallsOperatorMethod_NothingRecorded()
    {
        await using var @operator = Connect("operator");
        await @operator.StartAsync();

        await @operator.InvokeAsync("Fence", "host-1");

        Assert.Empty(_audit.Records);
    }

    private HubConnection Connect(string role)
    {
        var server = _app.GetTestServer();
        return new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, "hubs/wall"), o =>
            {
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => server.CreateHandler();
                o.Headers[RoleHeaderHandler.Header] = role;
            })
            .Build();
    }

    /// <summary>A hub for wall screens with one method only operators may call.</summary>
    [Authorize(Policy = AuthorizationPolicies.Viewer)]
    public sealed class WallHub : Hub
    {
        public string Status() => "ok";

        [Authorize(Policy = AuthorizationPolicies.Operator)]
        public Task Fence(string host) => Task.CompletedTask;
    }

    /// <summary>Signs the caller in as <c>token:wall-ROLE</c> with the role its header names.</summary>
    public sealed class RoleHeaderHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string SchemeName = "RoleHeader";
        public const string Header = "X-Test-Role";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!Enum.TryParse<Role>(Request.Headers[Header].ToString(), ignoreCase: true, out var role))
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }
            var principal = ConsoleClaims.Principal($"token:wall-{role.ToString().ToLowerInvariant()}", role, "token", SchemeName);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
        }
    }
}
