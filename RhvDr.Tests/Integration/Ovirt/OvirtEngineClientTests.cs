using System.Net;
using System.Net.Sockets;
using RhvDr.Core.Ovirt;

namespace RhvDr.Tests.Ovirt;

public sealed class OvirtEngineClientTests : IAsyncLifetime
{
    private FakeEngine _engine = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _engine = await FakeEngine.StartAsync();
        _http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _engine.DisposeAsync();
    }

    [Fact]
    public async Task GetHostsAsync_ValidCredentials_SendsBearerTokenAndVersionHeader()
    {
        _engine.Set("hosts", """{"host":[{"id":"h1","name":"host1","status":"up"}]}""");
        var client = new OvirtEngineClient(_http, _engine.Endpoint());

        var hosts = await client.GetHostsAsync();

        Assert.Equal("host1", Assert.Single(hosts).Name);
        var request = Assert.Single(_engine.Requests);
        Assert.Equal("Bearer token-1", request.Authorization);
        Assert.Equal("4", request.Version);
        Assert.Contains("application/json", request.Accept, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_SecondCall_ReusesCachedToken()
    {
        _engine.Set("hosts", """{"host":[]}""");
        var client = new OvirtEngineClient(_http, _engine.Endpoint());

        await client.GetHostsAsync();
        await client.GetHostsAsync();

        Assert.Equal(1, _engine.TokensIssued);
    }

    [Fact]
    public async Task GetAsync_TokenExpired_LogsInOnceAndRetries()
    {
        _engine.Set("hosts", """{"host":[{"id":"h1","name":"host1","status":"up"}]}""");
        var client = new OvirtEngineClient(_http, _engine.Endpoint());
        await client.GetHostsAsync();
        _engine.ExpireTokens();

        var hosts = await client.GetHostsAsync();

        Assert.Single(hosts);
        Assert.Equal(2, _engine.TokensIssued);
        Assert.Equal(["Bearer token-1", "Bearer token-1", "Bearer token-2"], _engine.Requests.Select(r => r.Authorization));
    }

    [Fact]
    public async Task GetAsync_ConcurrentCallsAfterExpiry_FetchOneNewToken()
    {
        _engine.Set("vms", """{"vm":[]}""");
        var tokens = new OvirtTokenCache();
        var client = new OvirtEngineClient(_http, _engine.Endpoint(), tokens);
        await client.GetVmsAsync();
        _engine.ExpireTokens();

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => new OvirtEngineClient(_http, _engine.Endpoint(), tokens).GetVmsAsync()));

        Assert.Equal(2, _engine.TokensIssued);
    }

    [Fact]
    public async Task GetAsync_WrongPassword_ThrowsEngineAuthenticationExceptionNamingUserAndEngine()
    {
        var client = new OvirtEngineClient(_http, _engine.Endpoint(password: "wrong"));

        var error = await Assert.ThrowsAsync<EngineAuthenticationException>(() => client.GetHostsAsync());

        Assert.StartsWith($"authentication failed for user {FakeEngine.User} at 127.0.0.1:", error.Message, StringComparison.Ordinal);
        Assert.Contains("The username or password is incorrect", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_FaultBody_ThrowsOvirtFaultExceptionWithReasonAndDetail()
    {
        _engine.Set("storagedomains", """{"reason":"Operation Failed","detail":"[Storage Domain is locked.]"}""", status: 409);
        var client = new OvirtEngineClient(_http, _engine.Endpoint());

        var fault = await Assert.ThrowsAsync<OvirtFaultException>(() => client.GetStorageDomainsAsync());

        Assert.Equal("Operation Failed", fault.Reason);
        Assert.Equal("[Storage Domain is locked.]", fault.Detail);
        Assert.Equal(HttpStatusCode.Conflict, fault.StatusCode);
    }

    [Fact]
    public async Task PostActionAsync_WithCorrelationId_PostsToActionPathAndReadsStatus()
    {
        _engine.Set("vms/v1/start?correlation_id=run-7", """{"status":"complete","job":{"id":"j1"}}""");
        var client = new OvirtEngineClient(_http, _engine.Endpoint());

        var result = await client.PostActionAsync("vms/v1/start", new { }, "run-7");

        Assert.Equal("complete", result.Status);
        Assert.Equal("j1", result.Job?.Id);
        Assert.Equal("POST", Assert.Single(_engine.Requests).Method);
    }

    [Fact]
    public async Task GetAsync_ConnectionRefused_ThrowsEngineUnreachableExceptionNamingEngine()
    {
        var port = FreePort();
        var endpoint = new EngineEndpoint(new Uri($"http://127.0.0.1:{port}/ovirt-engine/api"), "admin@internal", "x", EngineTlsOptions.SystemTrust);
        var client = new OvirtEngineClient(_http, endpoint);

        var error = await Assert.ThrowsAsync<EngineUnreachableException>(() => client.GetHostsAsync());

        Assert.Equal($"127.0.0.1:{port}", error.Engine);
        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EngineEndpoint_ApiUrlWithPrefix_DerivesTokenUrlAndHidesPassword()
    {
        var endpoint = new EngineEndpoint(new Uri("https://engine.example:8443/rhv/ovirt-engine/api"), "admin@internal", "s3cr3t-pw", EngineTlsOptions.SystemTrust);

        Assert.Equal("https://engine.example:8443/rhv/ovirt-engine/sso/oauth/token", endpoint.TokenUrl.AbsoluteUri);
        Assert.DoesNotContain("s3cr3t-pw", endpoint.ToString(), StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
