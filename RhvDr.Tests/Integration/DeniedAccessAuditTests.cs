using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Connections.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RhvDr.Console.Security;
using RhvDr.Core.Audit;
using RhvDr.Core.Security;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.Integration;

/// <summary>Refusals of the console's role policies — API, pages, hub methods — in the audit trail, bounded per caller.</summary>
public sealed partial class DeniedAccessAuditTests : IAsyncLifetime
{
    private readonly ConsoleAppFactory _factory = new();
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private HttpClient _admin = null!;

    public Task InitializeAsync()
    {
        _factory.Settings["Lab:VmsPerSite"] = "10";
        _factory.Settings["Lab:HostsPerSite"] = "2";
        _factory.Settings["RhvDr:Security:DeniedAuditPerMinute"] = "20";
        // The limit counts per minute: the test moves this clock instead of waiting a minute.
        _factory.ServiceOverrides.Add(services => services.AddSingleton(sp => new DeniedAccessRecorder(
            sp.GetRequiredService<IAuditTrail>(), _clock, sp.GetRequiredService<IOptions<SecurityOptions>>(), sp.GetRequiredService<ILogger<DeniedAccessRecorder>>())));
        _admin = _factory.CreateApiClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task ViewerCallsOperatorEndpoint_Forbidden_DeniedEntryWithUserPathAndAddress()
    {
        using var viewer = _factory.CreateApiClient(await CreateTokenAsync("grafana", "viewer"));
        using var anonymous = _factory.CreateApiClient(token: null);

        using var refused = await viewer.PostAsJsonAsync("/api/runs", new { kind = "test", mode = "planned" });
        using var signedOut = await anonymous.GetAsync("/api/sites");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, signedOut.StatusCode);
        var denied = await DeniedAsync();
        Assert.Contains(denied, e => e is { Actor: "token:grafana", Source: "127.0.0.1", Target: "POST /api/runs", Outcome: "denied" }
            && e.Detail == "403: needs the Operator role; token:grafana has the Viewer role");
        Assert.Contains(denied, e => e is { Actor: "anonymous", Source: "127.0.0.1", Target: "GET /api/sites", Detail: "401: no sign-in or API token" });
    }

    [Fact]
    public async Task Flood_200RefusedRequests_StoresTheBoundAndThenTheFoldedCount()
    {
        using var viewer = _factory.CreateApiClient(await CreateTokenAsync("flood", "viewer"));

        for (var i = 0; i < 200; i++)
        {
            using var response = await viewer.GetAsync(i % 2 == 0 ? "/api/users" : "/api/credentials");
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        var stored = await DeniedAsync("token:flood");
        Assert.Equal(20, stored.Count);
        Assert.Contains("refusal 20 of this caller this minute", stored[0].Detail, StringComparison.Ordinal);

        // The minute is over: the count is written before the caller's next refusal (or by the sweeper, whichever comes first).
        _clock.Advance(TimeSpan.FromSeconds(61));
        using (var next = await viewer.GetAsync("/api/users"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, next.StatusCode);
        }
        var after = await WaitFor.ValueAsync(() => DeniedAsync("token:flood"), e => e.Count == 22, "the folded count and the next refusal");
        var folded = Assert.Single(after, e => e.Target == "180 more denied requests");
        Assert.StartsWith("and 180 more denied requests folded", folded.Detail, StringComparison.Ordinal);
        Assert.Contains("GET /api/users, GET /api/credentials", folded.Detail, StringComparison.Ordinal);
        Assert.Equal("127.0.0.1", folded.Source);
    }

    [Fact]
    public async Task ViewerOpensOperatorPage_Refused_DeniedEntryForThePage()
    {
        using var created = await _admin.PostAsJsonAsync("/api/users", new { username = "anna", displayName = "Anna", role = "viewer", password = "anna-long-passphrase" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = _factory.BaseAddress };
        using var signedIn = await PostFormAsync(browser, "/account/login", "login", new() { ["Input.Username"] = "anna", ["Input.Password"] = "anna-long-passphrase" });
        Assert.Contains("anna", await browser.GetStringAsync("/api/me"), StringComparison.Ordinal);

        using var lab = await browser.GetAsync("/lab");

        Assert.Equal("/account/denied", lab.RequestMessage!.RequestUri!.AbsolutePath);
        var denied = await DeniedAsync("anna");
        var entry = Assert.Single(denied);
        Assert.Equal(("page /lab", "127.0.0.1", "403: needs the Operator role; anna has the Viewer role"), (entry.Target, entry.Source, entry.Detail));
    }

    [Fact]
    public async Task ViewerCallsOperatorHubMethod_Refused_DeniedEntryForTheCall()
    {
        // SignalR checks a method's [Authorize] through the console's authorization service, with the call as the resource.
        var authorization = _factory.Services.GetRequiredService<IAuthorizationService>();
        var policies = _factory.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        var method = typeof(WallHub).GetMethod(nameof(WallHub.Fence))!;
        var policy = await AuthorizationPolicy.CombineAsync(policies, method.GetCustomAttributes(inherit: true).OfType<IAuthorizeData>());
        var user = ConsoleClaims.Principal("token:wall", Role.Viewer, "token", ApiTokenAuthenticationHandler.SchemeName);
        using var hub = new WallHub();
        var call = new HubInvocationContext(new CallerContext(user, "10.20.30.40"), _factory.Services, hub, method, ["host-1"]);

        var result = await authorization.AuthorizeAsync(user, call, policy!);

        Assert.False(result.Succeeded);
        var entry = Assert.Single(await DeniedAsync("token:wall"));
        Assert.Equal(("hub WallHub.Fence", "10.20.30.40", "refused hub call: needs the Operator role; token:wall has the Viewer role"), (entry.Target, entry.Source, entry.Detail));
    }

    private async Task<List<AuditRecord>> DeniedAsync(string? actor = null)
    {
        var query = actor is null ? "/api/audit?action=access." : $"/api/audit?action=access.&actor={Uri.EscapeDataString(actor)}";
        return await _admin.GetFromJsonAsync<List<AuditRecord>>(query, new JsonSerializerOptions(JsonSerializerDefaults.Web)) ?? [];
    }

    private async Task<string> CreateTokenAsync(string name, string role)
    {
        using var response = await _admin.PostAsJsonAsync("/api/tokens", new { name, role });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string path, string handler, Dictionary<string, string> fields)
    {
        var page = await browser.GetStringAsync(path);
        var form = new Dictionary<string, string>(fields) { ["_handler"] = handler };
        var token = AntiforgeryToken().Match(page);
        if (token.Success)
        {
            form["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value);
        }
        return await browser.PostAsync(path, new FormUrlEncodedContent(form));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    /// <summary>A hub with a method above the Viewer role, as a wall screen's token might try to call.</summary>
    private sealed class WallHub : Hub
    {
        [Authorize(Policy = AuthorizationPolicies.Operator)]
        public Task Fence(string host) => Task.CompletedTask;
    }

    /// <summary>The connection of a hub call, coming from <paramref name="address"/>.</summary>
    private sealed class CallerContext(ClaimsPrincipal user, string address) : HubCallerContext
    {
        private readonly FeatureCollection _features = FeaturesFrom(address);

        public override string ConnectionId => "connection-1";

        public override string? UserIdentifier => User.Identity?.Name;

        public override ClaimsPrincipal User => user;

        public override IDictionary<object, object?> Items { get; } = new Dictionary<object, object?>();

        public override IFeatureCollection Features => _features;

        public override CancellationToken ConnectionAborted => CancellationToken.None;

        public override void Abort()
        {
        }

        private static FeatureCollection FeaturesFrom(string address)
        {
            var http = new DefaultHttpContext();
            http.Connection.RemoteIpAddress = IPAddress.Parse(address);
            var features = new FeatureCollection();
            features.Set<IHttpContextFeature>(new HttpContextFeature(http));
            return features;
        }
    }

    private sealed class HttpContextFeature(HttpContext http) : IHttpContextFeature
    {
        public HttpContext? HttpContext { get; set; } = http;
    }
}
