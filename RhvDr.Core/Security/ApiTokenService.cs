using System.Security.Cryptography;
using System.Text;
using RhvDr.Core.Audit;

namespace RhvDr.Core.Security;

/// <summary>
/// API tokens for automation (<c>Authorization: Bearer</c>): created and revoked by administrators, each with a role.
/// Only a SHA-256 hash is stored: tokens are long random values, so a slow password hash adds nothing and would cost
/// every API call.
/// </summary>
public sealed class ApiTokenService(IApiTokenStore tokens, IAuditTrail audit, TimeProvider time)
{
    public const string TokenPrefix = "rhvdr_";

    /// <summary>How often a token's last-used time is written; more often would write on every API call.</summary>
    private static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    public Task<IReadOnlyList<ApiTokenInfo>> ListAsync(CancellationToken cancellationToken) => tokens.ListAsync(cancellationToken);

    public async Task<CreatedApiToken> CreateAsync(Actor by, string name, Role role, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(by);
        var label = name?.Trim() ?? "";
        if (!by.Can(Role.Administrator))
        {
            await audit.AppendAsync(new AuditEntry(by.Name, by.Source, AuditActions.TokenCreate, label, AuditOutcomes.Denied, Detail: "needs the Administrator role"), cancellationToken).ConfigureAwait(false);
            by.Require(Role.Administrator, "create API tokens");
        }
        if (label.Length is 0 or > 80)
        {
            throw new SecurityException("Give the token a name of 1–80 characters that says what uses it, e.g. 'grafana' or 'noc-bot'.");
        }
        if (!Enum.IsDefined(role))
        {
            throw new SecurityException($"Role '{role}' is not Viewer, Operator or Administrator.");
        }
        var token = TokenPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var info = await InsertAsync(label, role, token, by.Name, cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(new AuditEntry(by.Name, by.Source, AuditActions.TokenCreate, label, AuditOutcomes.Ok,
            After: AuditJson.Of(new { info.Id, info.Name, info.Role, info.Prefix })), cancellationToken).ConfigureAwait(false);
        return new CreatedApiToken(info, token);
    }

    /// <summary>Stores <paramref name="token"/> (from <c>RhvDr:Bootstrap:ApiToken</c>) as an administrator token while there are none.</summary>
    public async Task<bool> SeedAsync(string token, CancellationToken cancellationToken)
    {
        if (await tokens.CountAsync(cancellationToken).ConfigureAwait(false) > 0)
        {
            return false;
        }
        var info = await InsertAsync("bootstrap", Role.Administrator, token, Actor.System.Name, cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(new AuditEntry(Actor.System.Name, Actor.System.Source, AuditActions.TokenCreate, info.Name, AuditOutcomes.Ok,
            After: AuditJson.Of(new { info.Id, info.Name, info.Role, info.Prefix }), Detail: "from RhvDr:Bootstrap:ApiToken"), cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The live token behind <paramref name="token"/>; null when unknown or revoked.</summary>
    public async Task<ApiTokenInfo?> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return null;
        }
        var info = await tokens.FindByHashAsync(Hash(token.Trim()), cancellationToken).ConfigureAwait(false);
        if (info is null || info.Revoked)
        {
            return null;
        }
        var now = time.GetUtcNow();
        if (info.LastUsedAt is not { } used || now - used >= TouchInterval)
        {
            await tokens.TouchAsync(info.Id, now, cancellationToken).ConfigureAwait(false);
        }
        return info;
    }

    public async Task<ApiTokenInfo> RevokeAsync(Actor by, long id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (!by.Can(Role.Administrator))
        {
            await audit.AppendAsync(new AuditEntry(by.Name, by.Source, AuditActions.TokenRevoke, $"token {id}", AuditOutcomes.Denied, Detail: "needs the Administrator role"), cancellationToken).ConfigureAwait(false);
            by.Require(Role.Administrator, "revoke API tokens");
        }
        var before = await tokens.GetAsync(id, cancellationToken).ConfigureAwait(false) ?? throw new SecurityException($"There is no API token {id}.");
        if (before.Revoked)
        {
            return before;
        }
        await tokens.RevokeAsync(id, by.Name, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        var after = await tokens.GetAsync(id, cancellationToken).ConfigureAwait(false) ?? before;
        await audit.AppendAsync(new AuditEntry(by.Name, by.Source, AuditActions.TokenRevoke, before.Name, AuditOutcomes.Ok,
            Before: AuditJson.Of(new { before.Id, before.Name, before.Role, before.Prefix, Revoked = false }),
            After: AuditJson.Of(new { after.Id, after.Name, after.Role, after.Prefix, Revoked = true })), cancellationToken).ConfigureAwait(false);
        return after;
    }

    private async Task<ApiTokenInfo> InsertAsync(string name, Role role, string token, string createdBy, CancellationToken cancellationToken)
    {
        var prefix = token[..Math.Min(token.Length, TokenPrefix.Length + 4)];
        var id = await tokens.InsertAsync(name, role, Hash(token), prefix, createdBy, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return await tokens.GetAsync(id, cancellationToken).ConfigureAwait(false) ?? throw new InvalidOperationException($"API token {id} vanished after insert.");
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
