using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using RhvDr.Core.Ovirt;
using RhvDr.Core.Sites;

namespace RhvDr.Core.Configuration;

/// <summary>Fails start-up on a bad configuration, naming the exact key and what to write instead.</summary>
/// <param name="embedded">The kinds of engine the console's modules host themselves; their <c>SCHEME:NAME</c> addresses are valid engine URLs.</param>
public sealed class RhvDrOptionsValidator(IEnumerable<EmbeddedEngineScheme> embedded) : IValidateOptions<RhvDrOptions>
{
    private readonly IReadOnlyList<EmbeddedEngineScheme> _embedded = [.. embedded];

    /// <summary>A validator that knows no embedded engine: every engine URL must be an http(s) URL.</summary>
    public RhvDrOptionsValidator()
        : this([])
    {
    }

    private const string Section = RhvDrOptions.SectionName;
    private const string CaDownload = "/ovirt-engine/services/pki-resource?resource=ca-certificate&format=X509-PEM-CA";

    public ValidateOptionsResult Validate(string? name, RhvDrOptions options)
    {
        var failures = new List<string>();

        if (string.IsNullOrWhiteSpace(options.DatabasePath))
        {
            failures.Add($"{Section}:DatabasePath is empty; give a file path such as rhvdr.db");
        }
        if (options.PollInterval < TimeSpan.FromSeconds(1))
        {
            failures.Add($"{Section}:PollInterval '{options.PollInterval}' is shorter than 1 second; use at least 00:00:01");
        }
        if (options.EngineTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:EngineTimeout '{options.EngineTimeout}' must be positive, e.g. 00:00:15");
        }
        if (options.HistoryWindow <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:HistoryWindow '{options.HistoryWindow}' must be positive, e.g. 06:00:00");
        }
        if (options.HistoryRetentionDays < 1)
        {
            failures.Add($"{Section}:HistoryRetentionDays '{options.HistoryRetentionDays}' must be at least 1");
        }

        if (options.MinWorkerThreads is < 0 or > RhvDrOptions.MaxWorkerThreads)
        {
            failures.Add($"{Section}:MinWorkerThreads '{options.MinWorkerThreads}' must be between 0 (automatic: 4 per core, at least 16) and {RhvDrOptions.MaxWorkerThreads}");
        }

        ValidateSites(options.Sites, failures);
        if (!Enum.IsDefined(options.Topology))
        {
            failures.Add($"{Section}:Topology '{options.Topology}' is not ActivePassive or ActiveActive");
        }
        else if (options.Topology == DrTopology.ActiveActive)
        {
            StretchTopologyRules.Validate(options.Sites, failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private void ValidateSites(List<SiteOptions> sites, List<string> failures)
    {
        if (sites.Count != 2)
        {
            // The configuration binder leaves out a list entry it cannot read (a Role such as Secondary), so a count
            // below the entries written most often means one of them holds a value of the wrong kind.
            failures.Add($"{Section}:Sites has {sites.Count} site(s) that could be read; configure exactly two, one with Role Primary and one with Role Recovery. "
                + $"An entry with a value that cannot be read (a Role other than Primary or Recovery, text where a number belongs) is left out: check each {Section}:Sites:N entry");
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < sites.Count; i++)
        {
            var site = sites[i];
            var key = $"{Section}:Sites:{i}";
            if (string.IsNullOrWhiteSpace(site.Name))
            {
                failures.Add($"{key}:Name is empty; give a short id such as primary or recovery");
            }
            else if (!IsShortId(site.Name))
            {
                failures.Add($"{key}:Name '{site.Name}' must be letters, digits, '-' or '_' (it is used in URLs)");
            }
            else if (!names.Add(site.Name))
            {
                failures.Add($"{key}:Name '{site.Name}' is used by another site; site names must be distinct");
            }

            if (!Enum.IsDefined(site.Role))
            {
                failures.Add($"{key}:Role '{site.Role}' is not Primary or Recovery");
            }

            ValidateEngine(site, i, failures);
        }

        if (sites.Count == 2 && !(sites.Any(s => s.Role == SiteRole.Primary) && sites.Any(s => s.Role == SiteRole.Recovery)))
        {
            failures.Add($"{Section}:Sites need one site with Role Primary and one with Role Recovery; both are {sites[0].Role}");
        }
    }

    private void ValidateEngine(SiteOptions site, int index, List<string> failures)
    {
        var key = $"{Section}:Sites:{index}";
        if (site.Embedded is { } address && _embedded.FirstOrDefault(s => s.Scheme == address.Scheme) is { } scheme)
        {
            if (!scheme.Hosts(address.Name))
            {
                failures.Add($"{key}:EngineUrl '{site.EngineUrl}' names no engine of {scheme.Description}; use one of {string.Join(", ", scheme.Names.Select(scheme.Address))}");
            }
            return;
        }

        if (!Uri.TryCreate(site.EngineUrl, UriKind.Absolute, out var url)
            || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)
            || string.IsNullOrEmpty(url.Host))
        {
            failures.Add($"{key}:EngineUrl '{site.EngineUrl}' is not an absolute http(s) URL; use https://ENGINE/ovirt-engine/api{SuggestedEmbedded(site)}");
            return;
        }
        if (!url.AbsolutePath.TrimEnd('/').EndsWith("/ovirt-engine/api", StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"{key}:EngineUrl '{site.EngineUrl}' does not end in /ovirt-engine/api; use https://{url.Authority}/ovirt-engine/api");
        }
        if (string.IsNullOrWhiteSpace(site.Username))
        {
            failures.Add($"{key}:Username is empty; give the engine user, e.g. admin@internal");
        }
        if (string.IsNullOrEmpty(site.Password))
        {
            // Never echo the password itself, only that it is missing.
            failures.Add($"{key}:Password is empty; set it (environment variable RhvDr__Sites__{index}__Password keeps it out of files)");
        }
        if (!string.IsNullOrWhiteSpace(site.CaFile) && !File.Exists(site.CaFile))
        {
            failures.Add($"{key}:CaFile '{site.CaFile}' does not exist; download the engine CA from https://{url.Authority}{CaDownload}");
        }
        else if (!string.IsNullOrWhiteSpace(site.CaFile) && CaFileProblem(site.CaFile) is { } problem)
        {
            failures.Add($"{key}:CaFile '{site.CaFile}' {problem}; download the engine CA from https://{url.Authority}{CaDownload}");
        }
        if (!string.IsNullOrWhiteSpace(site.CaFingerprint) && EngineFingerprint.TryParse(site.CaFingerprint) is null)
        {
            failures.Add($"{key}:CaFingerprint '{site.CaFingerprint}' is not a SHA-256 fingerprint (64 hex digits, ':' separators allowed)");
        }
    }

    // A CA file saved from a login page or cut short would otherwise fail every poll of that site with the same TLS error.
    private static string? CaFileProblem(string path)
    {
        try
        {
            var certificates = new X509Certificate2Collection();
            certificates.ImportFromPemFile(path);
            return certificates.Count == 0 ? "holds no PEM certificate (-----BEGIN CERTIFICATE-----)" : null;
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            return $"cannot be read as a PEM certificate ({ex.Message.TrimEnd('.')})";
        }
    }

    // An embedded engine the site could use instead, named after its role (SCHEME:recovery for a recovery site), when a module hosts one.
    private string SuggestedEmbedded(SiteOptions site)
    {
        var name = site.Role == SiteRole.Recovery ? "recovery" : "primary";
        return _embedded.FirstOrDefault(s => s.Hosts(name)) is { } scheme ? $" or {scheme.Address(name)}" : "";
    }

    private static bool IsShortId(string name) => name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
