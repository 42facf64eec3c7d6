using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace RhvDr.Core.Ovirt;

/// <summary>
/// Decides whether to trust an engine's certificate. Engines usually carry a certificate from their own CA, which no system
/// trusts, so operators give that CA (<c>CaFile</c>) or pin a fingerprint; nothing is ever accepted silently. A refused
/// certificate throws <see cref="EngineCertificateRejectedException"/> saying why, which the handler passes on.
/// </summary>
public static class EngineCertificateValidator
{
    private const string CaDownload = "/ovirt-engine/services/pki-resource?resource=ca-certificate&format=X509-PEM-CA";

    /// <summary>The callback for <see cref="SslClientAuthenticationOptions.RemoteCertificateValidationCallback"/>.</summary>
    public static RemoteCertificateValidationCallback Create(EngineTlsOptions tls)
    {
        ArgumentNullException.ThrowIfNull(tls);
        if (tls.Insecure)
        {
            return static (_, _, _, _) => true;
        }
        if (EngineFingerprint.TryParse(tls.CaFingerprint) is { } pin)
        {
            return (_, certificate, chain, _) => MatchesPin(certificate, chain, pin) ? true : throw Rejected(PinMismatch(certificate));
        }
        if (!string.IsNullOrWhiteSpace(tls.CaFile))
        {
            var caFile = tls.CaFile;
            var authorities = new X509Certificate2Collection();
            authorities.ImportFromPemFile(caFile);
            return (sender, certificate, _, errors) =>
                ChainsToAuthority(certificate, errors, authorities) ? true : throw Rejected(NotFromAuthority(sender, certificate, errors, authorities, caFile));
        }
        return (sender, certificate, _, errors) => errors == SslPolicyErrors.None ? true : throw Rejected(NotSystemTrusted(sender, certificate, errors));
    }

    /// <summary>True when <paramref name="certificate"/> was issued by one of <paramref name="authorities"/> for the host asked for.</summary>
    public static bool ChainsToAuthority(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection authorities)
    {
        // A wrong host name or no certificate is never fixed by trusting a CA.
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }
        return BuildsWithRoots(certificate, authorities, out _);
    }

    /// <summary>True when the server certificate, or a CA in its chain that then validates it, has the pinned SHA-256.</summary>
    public static bool MatchesPin(X509Certificate? certificate, X509Chain? chain, byte[] pin)
    {
        if (certificate is null)
        {
            return false;
        }
        if (CryptographicOperations.FixedTimeEquals(SHA256.HashData(certificate.GetRawCertData()), pin))
        {
            return true;
        }
        if (chain is null)
        {
            return false;
        }
        foreach (var element in chain.ChainElements)
        {
            if (CryptographicOperations.FixedTimeEquals(SHA256.HashData(element.Certificate.RawData), pin))
            {
                return BuildsWithRoots(certificate, [element.Certificate], out _);
            }
        }
        return false;
    }

    private static bool BuildsWithRoots(X509Certificate certificate, X509Certificate2Collection roots, out X509ChainStatusFlags problems)
    {
        using var leaf = new X509Certificate2(certificate);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        // Engine CAs publish no revocation lists reachable from the console; trust is the CA itself.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        var built = chain.Build(leaf);
        problems = chain.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (all, s) => all | s.Status);
        return built;
    }

    private static EngineCertificateRejectedException Rejected(string reason) => new(reason);

    private static string PinMismatch(X509Certificate? certificate) => certificate is null
        ? "the engine sent no certificate"
        : $"neither the engine's certificate (SHA-256 {Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData()))}) nor a CA in its chain " +
          "has the SHA-256 in CaFingerprint; compare it with openssl x509 -noout -fingerprint -sha256 on the engine's certificate";

    private static string NotFromAuthority(object sender, X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection authorities, string caFile)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return "the engine sent no certificate";
        }
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return NameMismatch(sender, certificate);
        }
        BuildsWithRoots(certificate, authorities, out var problems);
        if (problems.HasFlag(X509ChainStatusFlags.NotTimeValid))
        {
            return NotTimeValid(certificate);
        }
        var held = string.Join(", ", authorities.Select(a => a.Subject));
        return $"the engine's certificate was not issued by the CA in {caFile} ({held}) but by {certificate.Issuer}; " +
               $"set CaFile to the engine's own CA, from its {CaDownload}";
    }

    private static string NotSystemTrusted(object sender, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return "the engine sent no certificate";
        }
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return NameMismatch(sender, certificate);
        }
        using var leaf = new X509Certificate2(certificate);
        if (DateTime.Now < leaf.NotBefore || DateTime.Now > leaf.NotAfter)
        {
            return NotTimeValid(certificate);
        }
        return $"the engine's certificate, issued by {certificate.Issuer}, is not trusted by this machine; " +
               $"set CaFile to the engine's CA, from its {CaDownload}, or pin its CaFingerprint";
    }

    private static string NameMismatch(object sender, X509Certificate certificate)
    {
        using var leaf = new X509Certificate2(certificate);
        var names = leaf.Extensions.OfType<X509SubjectAlternativeNameExtension>()
            .SelectMany(san => san.EnumerateDnsNames().Concat(san.EnumerateIPAddresses().Select(ip => ip.ToString())))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        var named = names.Count > 0 ? string.Join(", ", names) : leaf.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        var host = Host(sender);
        return host is null
            ? $"the engine's certificate is for {named}, not the host in EngineUrl; use one of those names"
            : $"the engine's certificate is for {named}, not {host}; use one of those names in EngineUrl";
    }

    private static string NotTimeValid(X509Certificate certificate)
    {
        using var leaf = new X509Certificate2(certificate);
        return DateTime.Now < leaf.NotBefore
            ? $"the engine's certificate is not valid before {leaf.NotBefore.ToUniversalTime():yyyy-MM-dd HH:mm} UTC; check the clocks of the console and the engine"
            : $"the engine's certificate expired on {leaf.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm} UTC; renew it on the engine (engine-setup)";
    }

    // Behind SocketsHttpHandler the sender is the SslStream, which knows the host name it asked for.
    private static string? Host(object sender) => sender is SslStream { TargetHostName: { Length: > 0 } host } ? host : null;
}
