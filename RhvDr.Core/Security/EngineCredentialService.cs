using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RhvDr.Core.Audit;
using RhvDr.Core.Configuration;
using RhvDr.Core.Data;
using RhvDr.Core.Ovirt;

namespace RhvDr.Core.Security;

/// <summary>
/// Engine credentials set by administrators in the console: encrypted with the host's Data Protection keys before they
/// reach the database, applied to the site's engine endpoint, audited without the password, never returned.
/// </summary>
public sealed partial class EngineCredentialService(
    IEngineCredentialStore store,
    ISecretProtector protector,
    EngineEndpointRegistry endpoints,
    IAuditTrail audit,
    IOptions<RhvDrOptions> options,
    TimeProvider time,
    ILogger<EngineCredentialService> logger)
{
    /// <summary>Applies every stored credential to its site; one that cannot be decrypted is logged and skipped.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        foreach (var stored in await store.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                endpoints.SetCredentials(stored.Site, stored.Username, protector.Unprotect(stored.ProtectedPassword));
            }
            catch (CryptographicException)
            {
                LogUndecryptable(logger, stored.Site);
            }
        }
    }

    public async Task<IReadOnlyList<EngineCredentialInfo>> ListAsync(CancellationToken cancellationToken)
    {
        var stored = (await store.ListAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(s => s.Site, StringComparer.OrdinalIgnoreCase);
        return options.Value.Sites.Select(site => stored.TryGetValue(site.Name, out var s)
            ? new EngineCredentialInfo(site.Name, s.Username, "console", s.UpdatedBy, s.UpdatedAt)
            : new EngineCredentialInfo(site.Name, CurrentUsername(site), site.IsEmbedded && string.IsNullOrWhiteSpace(site.Username) ? "embedded" : "configuration", null, null)).ToList();
    }

    /// <summary>Stores and applies new credentials for <paramref name="site"/> (Administrator only).</summary>
    public async Task<EngineCredentialInfo> SetAsync(Actor by, string site, string username, string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(by);
        var configured = options.Value.Sites.FirstOrDefault(s => string.Equals(s.Name, site, StringComparison.OrdinalIgnoreCase));
        if (!by.Can(Role.Administrator))
        {
            await audit.AppendAsync(new AuditEntry(by.Name, by.Source, AuditActions.CredentialsChange, site, AuditOutcomes.Denied, Detail: "needs the Administrator role"), cancellationToken).ConfigureAwait(false);
            by.Require(Role.Administrator, "change engine credentials");
        }
        if (configured is null)
        {
            throw new SecurityException($"There is no site '{site}'; the sites are {string.Join(", ", options.Value.Sites.Select(s => s.Name))}.");
        }
        if (string.IsNullOrWhiteSpace(username) || string.IsNullOrEmpty(password))
        {
            throw new SecurityException($"Give both a user name (e.g. admin@internal) and a password for the engine of {configured.Name}.");
        }

        var before = (await ListAsync(cancellationToken).ConfigureAwait(false)).First(c => string.Equals(c.Site, configured.Name, StringComparison.OrdinalIgnoreCase));
        var stored = new StoredEngineCredential(configured.Name, username.Trim(), protector.Protect(password), by.Name, time.GetUtcNow());
        await store.UpsertAsync(stored, cancellationToken).ConfigureAwait(false);
        endpoints.SetCredentials(configured.Name, stored.Username, password);
        var after = new EngineCredentialInfo(configured.Name, stored.Username, "console", by.Name, stored.UpdatedAt);
        await audit.AppendAsync(new AuditEntry(by.Name, by.Source, AuditActions.CredentialsChange, configured.Name, AuditOutcomes.Ok,
            Before: AuditJson.Of(new { before.Username, before.Source }),
            After: AuditJson.Of(new { after.Username, after.Source, Password = "(changed)" })), cancellationToken).ConfigureAwait(false);
        LogChanged(logger, configured.Name, stored.Username, by.Name);
        return after;
    }

    private string CurrentUsername(SiteOptions site) =>
        endpoints.TryGet(site.Name, out var endpoint) ? endpoint.Username : site.Username;

    [LoggerMessage(Level = LogLevel.Error, Message = "The engine credentials stored for site {Site} cannot be decrypted with this console's Data Protection keys (RhvDr:DataProtection:KeysPath); the configured ones are used. Set them again on the Sites page.")]
    private static partial void LogUndecryptable(ILogger logger, string site);

    [LoggerMessage(Level = LogLevel.Information, Message = "Engine credentials of site {Site} changed to user {Username} by {Actor}")]
    private static partial void LogChanged(ILogger logger, string site, string username, string actor);
}
