using RhvDr.Core.Ovirt;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.Ovirt;

/// <summary>The client against an engine that signs in and then answers wrongly, over real HTTP: each answer becomes one kind of failure.</summary>
public sealed class EngineMisbehaviourTests : IAsyncLifetime
{
    private MisbehavingEngine _engine = null!;

    public async Task InitializeAsync() => _engine = await MisbehavingEngine.StartAsync(EngineMisbehaviour.LoginPortal);

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    [Theory]
    [InlineData(EngineMisbehaviour.LoginPortal, EngineFailureKind.NotTheApi, "with an HTML page (HTTP 200 OK, text/html, \"Sign in – Example Corp Access\"), not the oVirt API")]
    [InlineData(EngineMisbehaviour.EmptyBody, EngineFailureKind.EmptyAnswer, "with an empty body (HTTP 200 OK)")]
    [InlineData(EngineMisbehaviour.TruncatedJson, EngineFailureKind.BrokenJson, "with JSON that breaks off after 73 bytes (HTTP 200 OK)")]
    [InlineData(EngineMisbehaviour.ApiV3Shape, EngineFailureKind.OtherApiVersion, "(unexpected value at $.host[0].status): it reads only the oVirt API v4")]
    [InlineData(EngineMisbehaviour.NoCollectionKey, EngineFailureKind.OtherApiVersion, "(\"results\" where the list of hosts belongs)")]
    [InlineData(EngineMisbehaviour.ServiceUnavailable, EngineFailureKind.ServerError, "with HTTP 503 Service Unavailable: [The engine is still starting; try again in a minute]")]
    [InlineData(EngineMisbehaviour.ProxyBadGateway, EngineFailureKind.ServerError, "with HTTP 502 Bad Gateway, an HTML page from a web server or proxy in front of it")]
    [InlineData(EngineMisbehaviour.Forbidden, EngineFailureKind.AccessDenied, "refused admin@internal access to GET /ovirt-engine/api/hosts (HTTP 403 Forbidden")]
    [InlineData(EngineMisbehaviour.RefusesToken, EngineFailureKind.SignInRefused, "the engine refused the token its sign-in service had just issued (HTTP 401)")]
    public async Task GetHostsAsync_EngineMisbehaves_OneKindOfFailureInWords(EngineMisbehaviour misbehaviour, EngineFailureKind kind, string words)
    {
        _engine.Misbehaviour = misbehaviour;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

        var error = await Assert.ThrowsAnyAsync<EngineException>(() => Client(http).GetHostsAsync());

        Assert.Equal(kind, error.Kind);
        Assert.Contains(words, error.Message, StringComparison.Ordinal);
        Assert.Contains(_engine.Authority, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetHostsAsync_EngineNeverAnswers_TimeoutNamingTheLimit()
    {
        _engine.Misbehaviour = EngineMisbehaviour.Hang;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };

        var error = await Assert.ThrowsAsync<EngineUnreachableException>(() => Client(http, TimeSpan.FromSeconds(1)).GetHostsAsync());

        Assert.Equal(EngineFailureKind.Timeout, error.Kind);
        Assert.Equal($"engine {_engine.Authority} took longer than 00:00:01 to answer; check that the engine is running and not overloaded, and the network between the console and it, or raise RhvDr:EngineTimeout", error.Message);
    }

    [Fact]
    public async Task FindVmAsync_LoginPortalPage_FailsInsteadOfReportingNoVm()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

        var error = await Assert.ThrowsAsync<OvirtFaultException>(() => Client(http).FindVmAsync("v1"));

        Assert.Equal(EngineFailureKind.NotTheApi, error.Kind);
    }

    private OvirtEngineClient Client(HttpClient http, TimeSpan? timeout = null) =>
        new(http, new EngineEndpoint(_engine.ApiUrl, "admin@internal", "x", EngineTlsOptions.SystemTrust), timeout: timeout);
}
