using System.Globalization;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using RhvDr.Core.Ovirt;

namespace RhvDr.Core.Engines;

/// <summary>
/// One engine's HTTP handler, with the trust decision the console's engine clients make (<see cref="EngineHttpHandlerFactory"/>),
/// that also keeps the certificate the engine presented, so the check can say what it was and why it was refused.
/// </summary>
internal sealed class EngineTlsProbe : IDisposable
{
    private readonly Uri _apiUrl;
    private readonly EngineTlsOptions _tls;
    private readonly string _settings;
    private readonly Lock _gate = new();
    private X509Certificate2? _certificate;
    private SslPolicyErrors _errors;
    private bool _accepted;

    /// <param name="settings">The site's configuration key, e.g. <c>RhvDr:Sites:0</c>, for the fixes.</param>
    public EngineTlsProbe(Uri apiUrl, EngineTlsOptions tls, string settings)
    {
        _apiUrl = apiUrl;
        _tls = tls;
        _settings = settings;
        Handler = EngineHttpHandlerFactory.Create(tls);
        var decide = Handler.SslOptions.RemoteCertificateValidationCallback;
        Handler.SslOptions.RemoteCertificateValidationCallback = (sender, certificate, chain, errors) =>
        {
            bool accepted;
            try
            {
                accepted = decide is null ? errors == SslPolicyErrors.None : decide(sender, certificate, chain, errors);
            }
            catch (EngineCertificateRejectedException)
            {
                // The console's own trust says why it refused; the check keeps the certificate to say what was presented.
                Keep(certificate, errors, accepted: false);
                throw;
            }
            Keep(certificate, errors, accepted);
            return accepted;
        };
    }

    public SocketsHttpHandler Handler { get; }

    public EngineTrust Trust => TrustOf(_apiUrl, _tls);

    /// <summary>How <paramref name="tls"/> is applied, in the order <see cref="EngineCertificateValidator"/> applies it.</summary>
    public static EngineTrust TrustOf(Uri apiUrl, EngineTlsOptions tls) =>
        apiUrl.Scheme == Uri.UriSchemeHttp ? EngineTrust.PlainHttp
        : tls.Insecure ? EngineTrust.Insecure
        : EngineFingerprint.TryParse(tls.CaFingerprint) is not null ? EngineTrust.CaFingerprint
        : !string.IsNullOrWhiteSpace(tls.CaFile) ? EngineTrust.CaFile
        : EngineTrust.SystemStore;

    public EngineTlsFacts Facts(bool trusted, DateTimeOffset now) =>
        new(Trust, Trust switch
        {
            EngineTrust.CaFile => _tls.CaFile,
            EngineTrust.CaFingerprint => _tls.CaFingerprint,
            _ => null,
        }, trusted, Certificate(now));

    /// <summary>The TLS line once the engine answered: how it is trusted, and a warning when that is weak or the certificate ends soon.</summary>
    public EngineCheckLine Accepted(DateTimeOffset now)
    {
        if (Trust == EngineTrust.PlainHttp)
        {
            return new EngineCheckLine("tls", EngineCheckLevel.Warn, "plain http: the password and the engine's answers cross the network unencrypted",
                $"Use https://{_apiUrl.Authority}/ovirt-engine/api in {_settings}:EngineUrl, with {_settings}:CaFile set to the engine CA.");
        }
        var certificate = Certificate(now);
        if (certificate is null)
        {
            return new EngineCheckLine("tls", EngineCheckLevel.Warn, "the engine answered over TLS but its certificate could not be read");
        }
        var presented = $"issuer {certificate.Issuer}, subject {certificate.Subject}, expires {certificate.NotAfter:yyyy-MM-dd} ({Remaining(certificate.DaysLeft)})";
        if (Trust == EngineTrust.Insecure)
        {
            return new EngineCheckLine("tls", EngineCheckLevel.Warn, $"{presented}; not verified ({_settings}:Insecure is true): anyone on the path can pose as this engine",
                $"Set {_settings}:CaFile to the engine CA ({CaDownload()}) and remove {_settings}:Insecure.");
        }
        var trust = Trust switch
        {
            EngineTrust.CaFile => $"pinned by CA file {_tls.CaFile}",
            EngineTrust.CaFingerprint => $"pinned by fingerprint {_tls.CaFingerprint}",
            _ => "trusted by the system store",
        };
        if (certificate.DaysLeft < 30)
        {
            return new EngineCheckLine("tls", EngineCheckLevel.Warn, $"{presented}; {trust}",
                "Renew the engine's certificate before it expires (engine-setup offers to renew it)"
                + (Trust == EngineTrust.CaFingerprint ? $", then pin the new one in {_settings}:CaFingerprint." : "."));
        }
        return new EngineCheckLine("tls", EngineCheckLevel.Ok, $"{presented}; {trust}");
    }

    /// <summary>The TLS line when the handshake failed: the certificate presented, and why the configured trust refused it.</summary>
    public EngineCheckLine Refused(Exception failure, DateTimeOffset now)
    {
        var certificate = Certificate(now);
        SslPolicyErrors errors;
        bool accepted;
        lock (_gate)
        {
            errors = _errors;
            accepted = _accepted;
        }
        if (certificate is null || accepted)
        {
            return new EngineCheckLine("tls", EngineCheckLevel.Fail, $"TLS handshake refused: {Innermost(failure)}",
                $"Check that {_apiUrl.Authority} speaks HTTPS with TLS 1.2 or later; if it speaks plain http, the URL must say http://.");
        }
        var presented = $"issuer {certificate.Issuer}, subject {certificate.Subject}";
        // A pinned fingerprint accepts its certificate whatever name it carries; the other trusts need the name to match.
        if (Trust != EngineTrust.CaFingerprint && errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return new EngineCheckLine("tls", EngineCheckLevel.Fail, $"TLS refused: the certificate ({presented}) is not for {_apiUrl.Host}",
                $"Use the engine's name as its certificate carries it (its FQDN) in {_settings}:EngineUrl.");
        }
        return Trust switch
        {
            EngineTrust.CaFile => new EngineCheckLine("tls", EngineCheckLevel.Fail,
                $"TLS refused: the certificate ({presented}) is not issued by the CA in {_tls.CaFile} ({Authorities()})",
                $"Put the engine's own CA in {_settings}:CaFile: {CaDownload()}."),
            EngineTrust.CaFingerprint => new EngineCheckLine("tls", EngineCheckLevel.Fail,
                $"TLS refused: neither the certificate ({presented}, SHA-256 {certificate.Sha256}) nor a CA in its chain has the fingerprint in {_settings}:CaFingerprint",
                $"Compare with the engine's own certificate (openssl x509 -noout -fingerprint -sha256 on the engine) and pin that in {_settings}:CaFingerprint, or use {_settings}:CaFile."),
            _ => new EngineCheckLine("tls", EngineCheckLevel.Fail,
                $"TLS refused: the certificate ({presented}) is not trusted by this machine's trust store ({errors})",
                $"Set {_settings}:CaFile to the engine CA ({CaDownload()}), or add that CA to the system trust store."),
        };
    }

    public void Dispose()
    {
        Handler.Dispose();
        lock (_gate)
        {
            _certificate?.Dispose();
        }
    }

    private void Keep(X509Certificate? certificate, SslPolicyErrors errors, bool accepted)
    {
        if (certificate is null)
        {
            return;
        }
        var copy = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        lock (_gate)
        {
            _certificate?.Dispose();
            _certificate = copy;
            _errors = errors;
            _accepted = accepted;
        }
    }

    private EngineCertificateFacts? Certificate(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_certificate is not { } c)
            {
                return null;
            }
            var notAfter = new DateTimeOffset(c.NotAfter.ToUniversalTime(), TimeSpan.Zero);
            var sha256 = Convert.ToHexString(SHA256.HashData(c.RawData));
            return new EngineCertificateFacts(
                c.Subject,
                c.Issuer,
                new DateTimeOffset(c.NotBefore.ToUniversalTime(), TimeSpan.Zero),
                notAfter,
                (int)Math.Floor((notAfter - now).TotalDays),
                string.Join(':', Enumerable.Range(0, sha256.Length / 2).Select(i => sha256.Substring(i * 2, 2))));
        }
    }

    private string Authorities()
    {
        try
        {
            var authorities = new X509Certificate2Collection();
            authorities.ImportFromPemFile(_tls.CaFile!);
            var subjects = authorities.Select(a => a.Subject).ToList();
            foreach (var authority in authorities)
            {
                authority.Dispose();
            }
            return subjects.Count == 0 ? "no certificate in it" : string.Join("; ", subjects);
        }
        catch (Exception ex) when (ex is IOException or CryptographicException or UnauthorizedAccessException)
        {
            return ex.Message;
        }
    }

    private string CaDownload() =>
        $"download it from https://{_apiUrl.Authority}/ovirt-engine/services/pki-resource?resource=ca-certificate&format=X509-PEM-CA and compare it with /etc/pki/ovirt-engine/ca.pem on the engine";

    private static string Remaining(int days) => days switch
    {
        < 0 => string.Create(CultureInfo.InvariantCulture, $"expired {-days} days ago"),
        0 => "today",
        1 => "in 1 day",
        _ => string.Create(CultureInfo.InvariantCulture, $"in {days} days"),
    };

    private static string Innermost(Exception ex)
    {
        while (ex.InnerException is not null)
        {
            ex = ex.InnerException;
        }
        return ex.Message;
    }
}
