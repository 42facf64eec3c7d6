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
        Assert.Equal(EngineFailureKind.Tls, error.Kind);
        Assert.Contains("the engine's certificate, issued by CN=RhvDr Test Engine CA, is not trusted by this machine; set CaFile", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetHostsAsync_CaFileOfAnotherCa_ThrowsTlsNamingTheFileAndTheRealIssuer()
    {
        using var other = new TestCertificates("Some Other CA");
        var caFile = other.WriteAuthorityPem(_directory);

        var error = await Assert.ThrowsAsync<EngineUnreachableException>(() => Client(new EngineTlsOptions(caFile, null, false)).GetHostsAsync());

        Assert.Equal(EngineFailureKind.Tls, error.Kind);
        Assert.Equal(
            $"TLS with engine {_engine.ApiUrl.Authority} failed: the engine's certificate was not issued by the CA in {caFile} (CN=Some Other CA) but by CN=RhvDr Test Engine CA; " +
            "set CaFile to the engine's own CA, from its /ovirt-engine/services/pki-resource?resource=ca-certificate&format=X509-PEM-CA",
            error.Message);
    }

    [Fact]
    public async Task GetHostsAsync_WrongPin_ThrowsTlsGivingTheCertificateFingerprint()
    {
        var error = await Assert.ThrowsAsync<EngineUnreachableException>(() => Client(new EngineTlsOptions(null, new string('A', 64), false)).GetHostsAsync());

        Assert.Equal(EngineFailureKind.Tls, error.Kind);
        Assert.Contains($"neither the engine's certificate (SHA-256 {_certificates.ServerFingerprint}) nor a CA in its chain has the SHA-256 in CaFingerprint", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetHostsAsync_HttpsUrlOnAPlainHttpPort_ThrowsTlsSayingThePortDoesNotServeHttps()
    {
        await using var plain = await FakeEngine.StartAsync();
        var endpoint = plain.Endpoint() with { ApiUrl = new Uri(plain.ApiUrl.AbsoluteUri.Replace("http://", "https://", StringComparison.Ordinal)) };
        using var http = new HttpClient(EngineHttpHandlerFactory.Create(EngineTlsOptions.SystemTrust)) { Timeout = TimeSpan.FromSeconds(10) };

        var error = await Assert.ThrowsAsync<EngineUnreachableException>(() => new OvirtEngineClient(http, endpoint).GetHostsAsync());

        Assert.Equal(EngineFailureKind.Tls, error.Kind);
        Assert.Equal(
            $"TLS with engine {endpoint.DisplayName} failed: no TLS handshake; check that the port in EngineUrl serves https and, if the certificate is not trusted, set CaFile or CaFingerprint",
            error.Message);
    }

    private OvirtEngineClient Client(EngineTlsOptions tls)
    {
        var http = new HttpClient(EngineHttpHandlerFactory.Create(tls)) { Timeout = TimeSpan.FromSeconds(10) };
        return new OvirtEngineClient(http, _engine.Endpoint() with { Tls = tls });
    }
}
