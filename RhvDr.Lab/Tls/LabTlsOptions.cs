namespace RhvDr.Lab.Tls;

/// <summary>
/// HTTPS for the lab's listeners, bound from <c>Lab:Tls</c>. With a certificate and key (PEM) the lab serves them, as an
/// engine serves the certificate its CA issued; with <see cref="Enabled"/> alone it makes a CA and a server certificate of
/// its own at start and writes the CA to <see cref="CaOutputFile"/>, so clients can trust it as they would an engine's CA.
/// </summary>
public sealed class LabTlsOptions
{
    /// <summary>Serve HTTPS with a certificate the lab makes (ignored when <see cref="CertificateFile"/> is set).</summary>
    public bool Enabled { get; set; }

    /// <summary>PEM server certificate (leaf first; a chain may follow).</summary>
    public string? CertificateFile { get; set; }

    /// <summary>PEM private key of <see cref="CertificateFile"/>.</summary>
    public string? KeyFile { get; set; }

    /// <summary>PEM of the CA that issued the certificate: served at the engines' pki-resource URL, as a real engine does.</summary>
    public string? CaFile { get; set; }

    /// <summary>Where a generated CA is written (PEM); empty: <c>lab-ca.pem</c> in the working directory.</summary>
    public string? CaOutputFile { get; set; }

    public bool IsOn => Enabled || !string.IsNullOrWhiteSpace(CertificateFile);

    /// <summary>Every error in these settings, each naming its key.</summary>
    public IEnumerable<string> Validate()
    {
        var hasCert = !string.IsNullOrWhiteSpace(CertificateFile);
        var hasKey = !string.IsNullOrWhiteSpace(KeyFile);
        if (hasCert != hasKey)
        {
            yield return "Lab:Tls:CertificateFile and Lab:Tls:KeyFile go together; give both or neither.";
        }

        foreach (var (key, path) in new[] { ("CertificateFile", CertificateFile), ("KeyFile", KeyFile), ("CaFile", CaFile) })
        {
            if (!string.IsNullOrWhiteSpace(path) && !File.Exists(path))
            {
                yield return $"Lab:Tls:{key} '{path}' does not exist.";
            }
        }
    }
}
