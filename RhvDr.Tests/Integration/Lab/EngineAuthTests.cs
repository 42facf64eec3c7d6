using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace RhvDr.Tests.Lab;

public sealed class EngineAuthTests(LabFixture fixture) : IClassFixture<LabFixture>
{
    [Fact]
    public async Task Token_GoodCredentials_ReturnsBearerToken()
    {
        // Arrange
        var site = fixture.Lab.Site("primary");
        using var http = new HttpClient { BaseAddress = site.EngineUrl };

        // Act
        var token = await LabTestClient.RequestTokenAsync(http, site.Username, site.Password);

        // Assert
        Assert.False(string.IsNullOrEmpty(token.GetProperty("access_token").GetString()));
        Assert.Equal("bearer", token.GetProperty("token_type").GetString());
        Assert.True(token.TryGetProperty("exp", out _));
    }

    [Fact]
    public async Task Token_WrongPassword_Returns400AccessDenied()
    {
        // Arrange
        var site = fixture.Lab.Site("primary");
        using var http = new HttpClient { BaseAddress = site.EngineUrl };

        // Act
        using var response = await LabTestClient.PostTokenAsync(http, site.Username, "wrong");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("access_denied", body.GetProperty("error").GetString());
        Assert.StartsWith("Cannot authenticate user", body.GetProperty("error_description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_WithoutToken_Returns401()
    {
        // Arrange
        using var http = new HttpClient();

        // Act
        using var response = await http.GetAsync(fixture.Lab.Site("primary").EngineUrl + "/vms");

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Get_WithForeignToken_Returns401()
    {
        // Arrange: a token of the recovery engine is no good at primary.
        using var recovery = await LabTestClient.LoginAsync(fixture.Lab, "recovery");
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = recovery.Http.DefaultRequestHeaders.Authorization;

        // Act
        using var response = await http.GetAsync(fixture.Lab.Site("primary").EngineUrl + "/vms");

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Get_BasicAuthOnV4Prefix_ReturnsHosts()
    {
        // Arrange
        var site = fixture.Lab.Site("primary");
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{site.Username}:{site.Password}")));
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        // Act
        var hosts = await http.GetFromJsonAsync<JsonElement>(site.EngineUrl + "/v4/hosts");

        // Assert
        Assert.Equal(8, hosts.GetProperty("host").GetArrayLength());
    }
}
