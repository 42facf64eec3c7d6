using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace RhvDr.Lab.Tls;

/// <summary>The certificate the lab's listeners serve, and the CA PEM its engines hand out at their pki-resource URL.</summary>
public sealed class LabCertificates : IDisposable
{
    private LabCertificates(X509Certificate2 server, string? caPem)
    {
        Server = server;
        CaPem = caPem;
    }

    public X509Certificate2 Server { get; }

    /// <summary>The issuing CA as PEM, when the lab knows it.</summary>
    public string? CaPem { get; }

    /// <summary>Null when TLS is off.</summary>
    public static LabCertificates? Load(LabTlsOptions options, string listenAddress)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.CertificateFile))
        {
            using var pem = X509Certificate2.CreateFromPemFile(options.CertificateFile, options.KeyFile);
            // Kestrel needs a key it can use from any thread; a PKCS#12 round trip gives a persisted one.
            var server = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
            var caPem = string.IsNullOrWhiteSpace(options.CaFile) ? null : File.ReadAllText(options.CaFile);
            return new LabCertificates(server, caPem);
        }

        if (!options.Enabled)
        {
            return null;
        }

        using var ca = CreateCa("RhvDr lab CA");
        var generated = CreateServerCertificate(ca, listenAddress);
        var caOut = ca.ExportCertificatePem();
        var caPath = string.IsNullOrWhiteSpace(options.CaOutputFile) ? Path.GetFullPath("lab-ca.pem") : options.CaOutputFile;
        File.WriteAllText(caPath, caOut + "\n");
        return new LabCertificates(generated, caOut);
    }

    /// <summary>A self-signed CA that may sign server certificates.</summary>
    public static X509Certificate2 CreateCa(string commonName)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddDays(-1), now.AddYears(5));
    }

    /// <summary>A server certificate for <paramref name="host"/>, localhost and the loopback addresses, issued by <paramref name="ca"/>.</summary>
    public static X509Certificate2 CreateServerCertificate(X509Certificate2 ca, string host)
    {
        ArgumentNullException.ThrowIfNull(ca);
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={host}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        if (IPAddress.TryParse(host, out var address))
        {
            if (!IPAddress.IsLoopback(address))
            {
                names.AddIpAddress(address);
            }
        }
        else if (!string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            names.AddDnsName(host);
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = DateTimeOffset.UtcNow;
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        using var issued = request.Create(ca, now.AddDays(-1), now.AddYears(2), serial);
        using var withKey = issued.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    public void Dispose() => Server.Dispose();
}
