using System.Net.Http;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using RhvDr.Lab;
using RhvDr.Lab.Control;
using RhvDr.Lab.Tls;

namespace RhvDr.Tests.Support;

/// <summary>
/// The lab as engines the console does not own: served over HTTPS with a certificate from a CA this fixture makes, and
/// reached only through its URLs (engines, control API) exactly as the README's "Real engines" section configures a site.
/// </summary>
public sealed class ExternalLab : IAsyncDisposable
{
    private readonly LabServer _server;
    private readonly HttpClient _controlHttp;

    private ExternalLab(LabServer server, string directory, string caFile, string fingerprint, HttpClient controlHttp)
    {
        _server = server;
        Directory = directory;
        CaFile = caFile;
        CaFingerprint = fingerprint;
        _controlHttp = controlHttp;
        Control = new LabControlClient(controlHttp, server.ControlToken);
    }

    /// <summary>Where the CA and the server certificate are written.</summary>
    public string Directory { get; }

    /// <summary>PEM of the CA that issued the engines' certificate (<c>RhvDr:Sites:N:CaFile</c>).</summary>
    public string CaFile { get; }

    /// <summary>SHA-256 of the engines' certificate in hex (<c>RhvDr:Sites:N:CaFingerprint</c>).</summary>
    public string CaFingerprint { get; }

    /// <summary>The lab's control API over HTTPS, trusting only the lab's CA.</summary>
    public ILabControl Control { get; }

    /// <summary>The control API's base URL (control and storage array).</summary>
    public Uri ControlUrl => _server.ControlUrl;

    /// <summary>The control API's credential for this start (<c>Authorization: Bearer</c>).</summary>
    public string ControlToken => _server.ControlToken;

    public LabSiteEndpoint Primary => _server.Site("primary");

    public LabSiteEndpoint Recovery => _server.Site("recovery");

    /// <summary>The engines' second user, with only UserRole on the system (no storage, import or host permits).</summary>
    public string ReadOnlyUser => _server.ReadOnlyUser;

    public string ReadOnlyPassword => _server.ReadOnlyPassword;

    /// <summary>An HTTP client for the control port that trusts the lab's CA and sends the control token, for raw control and array calls.</summary>
    public HttpClient ControlHttp => _controlHttp;

    public static async Task<ExternalLab> StartAsync(Action<LabOptions>? configure = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "rhvdr-tests", "external-lab-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        using var ca = LabCertificates.CreateCa("RhvDr test engine CA");
        using var server = LabCertificates.CreateServerCertificate(ca, "127.0.0.1");
        var caFile = Path.Combine(directory, "ca.pem");
        var certFile = Path.Combine(directory, "engine.pem");
        var keyFile = Path.Combine(directory, "engine.key");
        await File.WriteAllTextAsync(caFile, ca.ExportCertificatePem() + "\n");
        await File.WriteAllTextAsync(certFile, server.ExportCertificatePem() + "\n");
        using (var key = server.GetRSAPrivateKey()!)
        {
            await File.WriteAllTextAsync(keyFile, key.ExportPkcs8PrivateKeyPem() + "\n");
        }

        var options = new LabOptions
        {
            TimeScale = 0,
            VmsPerSite = 40,
            HostsPerSite = 4,
            Tls = new LabTlsOptions { CertificateFile = certFile, KeyFile = keyFile, CaFile = caFile },
        };
        configure?.Invoke(options);
        var lab = await LabServer.StartAsync(options);
        var fingerprint = Convert.ToHexString(SHA256.HashData(server.RawData));
        var http = lab.CreateControlHttp(TrustingOnly(caFile));
        return new ExternalLab(lab, directory, caFile, fingerprint, http);
    }

    /// <summary>
    /// The console's settings for both sites as an operator writes them for real engines: https URLs, the CA file, the
    /// lab's user and password, and the given storage replication.
    /// </summary>
    public Dictionary<string, string?> ConsoleSettings(string replication = "manual")
    {
        var settings = new Dictionary<string, string?> { ["RhvDr:Recovery:Replication"] = replication };
        var index = 0;
        foreach (var (site, role) in new[] { (Primary, "Primary"), (Recovery, "Recovery") })
        {
            var prefix = $"RhvDr:Sites:{index++}:";
            settings[prefix + "Name"] = site.Name;
            settings[prefix + "Role"] = role;
            settings[prefix + "EngineUrl"] = site.EngineUrl.ToString();
            settings[prefix + "CaFile"] = CaFile;
            settings[prefix + "Username"] = site.Username;
            settings[prefix + "Password"] = site.Password;
        }
        return settings;
    }

    /// <summary>A handler that accepts only certificates issued by the CA in <paramref name="caFile"/>.</summary>
    public static HttpClientHandler TrustingOnly(string caFile)
    {
        var ca = X509CertificateLoader.LoadCertificateFromFile(caFile);
        return new HttpClientHandler
        {
#pragma warning disable MA0039 // Pins the lab's own CA with a full chain check; the tests must not trust the machine's store.
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            {
                if (certificate is null)
                {
                    return false;
                }
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(certificate);
            },
#pragma warning restore MA0039
        };
    }

    public async ValueTask DisposeAsync()
    {
        _controlHttp.Dispose();
        await _server.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
