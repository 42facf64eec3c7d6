using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.Integration;

/// <summary>
/// Strict input binding on the running console over HTTP: enums by name only, bodies that do not bind, unknown sites,
/// exact confirmations, unknown users and absent OIDC. Every request here is refused, so the tests share one console.
/// </summary>
public sealed class ApiBindingTests(ApiBindingTests.BindingConsole console) : IClassFixture<ApiBindingTests.BindingConsole>
{
    [Theory]
    [InlineData("""{"name":"ci","role":"3"}""", "'3' is not one of viewer, operator, administrator")]
    [InlineData("""{"name":"ci","role":3}""", "expected one of viewer, operator, administrator as a string, found a number")]
    [InlineData("""{"name":"ci","role":"root"}""", "'root' is not one of viewer, operator, administrator")]
    public async Task PostToken_RoleNotAName_Answers400NamingFieldAndAllowedValues(string body, string expected)
    {
        using var response = await PostJsonAsync("/api/tokens", body);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains($"Field 'role': {expected}", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(problem.GetProperty("errors").TryGetProperty("role", out _));
        var tokens = await console.Admin.GetFromJsonAsync<JsonElement>("/api/tokens");
        Assert.DoesNotContain(tokens.EnumerateArray(), t => t.GetProperty("name").GetString() == "ci");
    }

    [Fact]
    public async Task PostToken_MisspeltField_Answers400NamingItAndCreatesNoToken()
    {
        using var response = await PostJsonAsync("/api/tokens", """{"name":"ci-misspelt","rolle":"administrator"}""");

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.StartsWith("Field 'rolle': this call has no such field", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var tokens = await console.Admin.GetFromJsonAsync<JsonElement>("/api/tokens");
        Assert.DoesNotContain(tokens.EnumerateArray(), t => t.GetProperty("name").GetString() == "ci-misspelt");
    }

    [Fact]
    public async Task PostToken_RoleByNameInAnyCase_Answers201WithThatRole()
    {
        using var response = await PostJsonAsync("/api/tokens", """{"name":"viewer-script","role":"Viewer"}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("viewer", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("info").GetProperty("role").GetString());
    }

    [Theory]
    [InlineData("""{"kind":"3"}""", "kind '3' is not one of failover, failback, test, cleanup, evacuate, return.")]
    [InlineData("""{"kind":"test","mode":"0"}""", "mode '0' is not one of planned, disaster.")]
    [InlineData("""{"kind":3}""", "Field 'kind': the value has the wrong type")]
    public async Task PostRun_KindOrModeNotAName_Answers400NamingTheAllowedValues(string body, string expected)
    {
        using var response = await PostJsonAsync("/api/runs", body);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"kind":"cleanup","source":"../../etc"}""", "source '../../etc' is not a configured site; name one of primary, recovery.")]
    [InlineData("""{"kind":"failover","target":"dc-3"}""", "target 'dc-3' is not a configured site; name one of primary, recovery.")]
    [InlineData("""{"kind":"failover","source":"recovery"}""", "A failover run goes from primary to recovery; source 'recovery' does not match.")]
    public async Task PostRun_SourceOrTargetNotTheRunsSite_Answers400NamingTheSites(string body, string expected)
    {
        using var response = await PostJsonAsync("/api/runs", body);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostRun_DisasterConfirmSiteInOtherCase_Answers400AskingForTheExactName()
    {
        using var response = await PostJsonAsync("/api/runs", """{"kind":"failover","mode":"disaster","confirmSite":"PRIMARY"}""");

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("confirmSite \"primary\" exactly (case matters)", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var runs = await console.Admin.GetFromJsonAsync<JsonElement>("/api/runs");
        Assert.Equal(0, runs.GetArrayLength());
    }

    [Theory]
    [InlineData("""{"disabled":"yes"}""", "disabled", "Field 'disabled': the value has the wrong type")]
    [InlineData("""{"role":"operator",""", "body", "The request body is not valid JSON")]
    public async Task PutUser_BodyThatDoesNotBind_Answers400NamingTheField(string body, string field, string expected)
    {
        using var response = await console.Admin.PutAsync($"/api/users/{ConsoleAppFactory.AdminUser}", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task PutUser_UnknownUser_Answers404NamingTheUser()
    {
        using var response = await console.Admin.PutAsJsonAsync("/api/users/nosuch", new { role = "viewer" });

        var problem = await ProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Equal("There is no user 'nosuch'.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task DeleteUser_UnknownUser_Answers404()
    {
        using var response = await console.Admin.DeleteAsync("/api/users/nosuch");

        await ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/account/login/oidc")]
    [InlineData("/account/oidc-callback")]
    public async Task OidcRoute_NoProviderConfigured_Answers404AndLogsNoError(string path)
    {
        using var anonymous = console.Factory.CreateApiClient(token: null);

        using var response = await anonymous.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("not configured (RhvDr:Security:Oidc)", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(console.Log.Lines, l => l.Contains("InvalidOperationException", StringComparison.Ordinal));
    }

    private Task<HttpResponseMessage> PostJsonAsync(string path, string body) =>
        console.Admin.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>One console for the class, with its log captured.</summary>
    public sealed class BindingConsole : IAsyncLifetime
    {
        public ConsoleAppFactory Factory { get; } = new();

        public CapturingLoggerProvider Log { get; } = new();

        public HttpClient Admin { get; private set; } = null!;

        public Task InitializeAsync()
        {
            Factory.Settings["Lab:VmsPerSite"] = "10";
            Factory.Settings["Lab:HostsPerSite"] = "2";
            Factory.ServiceOverrides.Add(services => services.AddSingleton<ILoggerProvider>(Log));
            Admin = Factory.CreateApiClient();
            return Task.CompletedTask;
        }

        public async Task DisposeAsync()
        {
            Admin.Dispose();
            await Factory.DisposeAsync();
        }
    }
}
