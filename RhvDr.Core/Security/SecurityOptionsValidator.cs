using Microsoft.Extensions.Options;

namespace RhvDr.Core.Security;

/// <summary>Fails start-up on bad security settings, naming the key.</summary>
public sealed class SecurityOptionsValidator : IValidateOptions<SecurityOptions>
{
    private const string Section = SecurityOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        var failures = new List<string>();
        if (options.MaxFailedSignIns < 1)
        {
            failures.Add($"{Section}:MaxFailedSignIns '{options.MaxFailedSignIns}' must be at least 1, e.g. 5");
        }
        if (options.LockoutDuration <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:LockoutDuration '{options.LockoutDuration}' must be positive, e.g. 00:15:00");
        }
        if (options.MinPasswordLength < 8)
        {
            failures.Add($"{Section}:MinPasswordLength '{options.MinPasswordLength}' must be at least 8");
        }
        if (options.SessionLifetime < TimeSpan.FromMinutes(1))
        {
            failures.Add($"{Section}:SessionLifetime '{options.SessionLifetime}' must be at least 00:01:00");
        }
        if (options.DeniedAuditPerMinute is < 1 or > 10_000)
        {
            failures.Add($"{Section}:DeniedAuditPerMinute '{options.DeniedAuditPerMinute}' must be between 1 and 10000, e.g. 20 (refusals recorded one by one per caller and minute)");
        }
        if (options.Oidc.Enabled)
        {
            if (!Uri.TryCreate(options.Oidc.Authority, UriKind.Absolute, out var authority) || authority.Scheme != Uri.UriSchemeHttps)
            {
                failures.Add($"{Section}:Oidc:Authority '{options.Oidc.Authority}' is not an https URL; give the provider's issuer, e.g. https://sso.example.com/realms/ops");
            }
            if (string.IsNullOrWhiteSpace(options.Oidc.ClientId))
            {
                failures.Add($"{Section}:Oidc:ClientId is empty; give the client id registered at the provider");
            }
            if (options.Oidc.RoleMap.Count == 0)
            {
                failures.Add($"{Section}:Oidc:RoleMap is empty; map at least one value of the '{options.Oidc.RoleClaim}' claim to Viewer, Operator or Administrator");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
