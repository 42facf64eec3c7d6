using RhvDr.Core.Ovirt;

namespace RhvDr.Tests.Ovirt;

public sealed class EngineTlsTests : IAsyncLifetime
{
    private readonly TestCertificates _certificates = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("rhvdr-tls-").FullName;
    private FakeEngine _engine = null!;

    public async Task InitializeAsync()
    {
        _engine = await FakeEngine.StartAsync(_certificates.Server);
        _engine.Set("hosts", """{"host":[{"id":"h1","name":"host1","status":"up"}]}""");
    }

    public async Task DisposeAsync()
    {
        await _engine.DisposeAsync();
        _certificates.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task GetHostsAsync_CaFileOfEngineCa_Connects()
    {
        var hosts = await Client(new EngineTlsOptions(_certificates.WriteAuthorityPem(_directory), null, false)).GetHostsAsync();

        Assert.Single(hosts);
    }

    [Fact]
    public async Task GetHostsAsync_PinnedServerFingerprint_Connects()
    {
        var hosts = await Client(new EngineTlsOptions(null, _certificates.ServerFingerprint, false)).GetHostsAsync();

        Assert.Single(hosts);
    }

    [Fact]
    public async Task GetHostsAsync_SystemTrustOnly_ThrowsUnreachableNamingTls()
    {
        var error = await Assert.ThrowsAsync<EngineUnreachableException>(() => Client(EngineTlsOptions.SystemTrust).GetHostsAsync());

        Assert.Contains("TLS failed", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetHostsAsync_CaFileOfAnotherCa_ThrowsUnreachable()
    {
        using var other = new TestCertificates("Some Other CA");

        await Assert.ThrowsAsync<EngineUnreachableException>(() => Client(new EngineTlsOptions(other.WriteAuthorityPem(_directory), null, false)).GetHostsAsync());
    }

    [Fact]
    public async Task GetHostsAsync_WrongPin_ThrowsUnreachable()
    {
        await Assert.ThrowsAsync<EngineUnreachableException>(() => Client(new EngineTlsOptions(null, new string('A', 64), false)).GetHostsAsync());
    }

    private OvirtEngineClient Client(EngineTlsOptions tls)
    {
        var http = new HttpClient(EngineHttpHandlerFactory.Create(tls)) { Timeout = TimeSpan.FromSeconds(10) };
        return new OvirtEngineClient(http, _engine.Endpoint() with { Tls = tls });
    }
}
