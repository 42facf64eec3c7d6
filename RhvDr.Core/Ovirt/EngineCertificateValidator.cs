using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace RhvDr.Core.Ovirt;

/// <summary>
/// Decides whether to trust an engine's certificate. Engines usually carry a certificate from their own CA, which no system
/// trusts, so operators give that CA (<c>CaFile</c>) or pin a fingerprint; nothing is ever accepted silently.
/// </summary>
public static class EngineCertificateValidator
{
    /// <summary>The callback for <see cref="SslClientAuthenticationOptions.RemoteCertificateValidationCallback"/>, or null for system trust.</summary>
    public static RemoteCertificateValidationCallback? Create(EngineTlsOptions tls)
    {
        ArgumentNullException.ThrowIfNull(tls);
        if (tls.Insecure)
        {
            return static (_, _, _, _) => true;
        }
        if (EngineFingerprint.TryParse(tls.CaFingerprint) is { } pin)
        {
            return (_, certificate, chain, _) => MatchesPin(certificate, chain, pin);
        }
        if (!string.IsNullOrWhiteSpace(tls.CaFile))
        {
            var authorities = new X509Certificate2Collection();
            authorities.ImportFromPemFile(tls.CaFile);
            return (_, certificate, _, errors) => ChainsToAuthority(certificate, errors, authorities);
        }
        return null;
    }

    /// <summary>True when <paramref name="certificate"/> was issued by one of <paramref name="authorities"/> for the host asked for.</summary>
    public static bool ChainsToAuthority(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection authorities)
    {
        // A wrong host name or no certificate is never fixed by trusting a CA.
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }
        return BuildsWithRoots(certificate, authorities);
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
                return BuildsWithRoots(certificate, [element.Certificate]);
            }
        }
        return false;
    }

    private static bool BuildsWithRoots(X509Certificate certificate, X509Certificate2Collection roots)
    {
        using var leaf = new X509Certificate2(certificate);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        // Engine CAs publish no revocation lists reachable from the console; trust is the CA itself.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(leaf);
    }
}
