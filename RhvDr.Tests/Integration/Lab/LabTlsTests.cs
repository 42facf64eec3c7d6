using System.Net;
using RhvDr.Lab;
using RhvDr.Lab.Tls;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.Lab;

/// <summary>The lab served over HTTPS: the certificate it presents and the CA its engines hand out, as a real engine does.</summary>
public sealed class LabTlsTests
{
    [Fact]
    public async Task PkiResource_TlsWithCaFile_ServesTheCaWithoutSignIn()
    {
        await using var lab = await ExternalLab.StartAsync();
        using var http = new HttpClient(ExternalLab.TrustingOnly(lab.CaFile));

        var pem = await http.GetStringAsync(new Uri(lab.Primary.EngineUrl, "/ovirt-engine/services/pki-resource?resource=ca-certificate&format=X509-PEM-CA"));

        Assert.Equal((await File.ReadAllTextAsync(lab.CaFile)).Trim(), pem.Trim());
        Assert.Equal("https", lab.Primary.EngineUrl.Scheme);
    }

    [Fact]
    public async Task Engine_ClientTrustingAnotherCa_RefusesTheConnection()
    {
        await using var lab = await ExternalLab.StartAsync();
        using var other = LabCertificates.CreateCa("Some other CA");
        var otherCa = Path.Combine(lab.Directory, "other-ca.pem");
        await File.WriteAllTextAsync(otherCa, other.ExportCertificatePem());
        using var http = new HttpClient(ExternalLab.TrustingOnly(otherCa));

        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(lab.Primary.EngineUrl));
    }

    [Fact]
    public async Task StartAsync_Enabled_MakesItsOwnCaAndWritesIt()
    {
        var caFile = Path.Combine(Path.GetTempPath(), "rhvdr-tests", Guid.NewGuid().ToString("N") + "-ca.pem");
        Directory.CreateDirectory(Path.GetDirectoryName(caFile)!);
        await using var lab = await LabServer.StartAsync(new LabOptions { TimeScale = 0, VmsPerSite = 4, HostsPerSite = 1, Tls = new LabTlsOptions { Enabled = true, CaOutputFile = caFile } });
        using var http = new HttpClient(ExternalLab.TrustingOnly(caFile));

        using var response = await http.GetAsync(new Uri(lab.Site("recovery").EngineUrl, "/ovirt-engine/services/pki-resource?resource=ca-certificate&format=X509-PEM-CA"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        File.Delete(caFile);
    }

    [Fact]
    public void Validate_CertificateWithoutKey_NamesBothSettings()
    {
        var errors = new LabOptions { Tls = new LabTlsOptions { CertificateFile = "/nonexistent/engine.pem" } }.Validate();

        Assert.Contains("Lab:Tls:CertificateFile and Lab:Tls:KeyFile go together; give both or neither.", errors);
        Assert.Contains("Lab:Tls:CertificateFile '/nonexistent/engine.pem' does not exist.", errors);
    }
}
