using Microsoft.Extensions.Options;

namespace RhvDr.Core.Security;

/// <summary>Refuses a half-given or weak bootstrap: the admin needs both a name and a password; a token must be long.</summary>
public sealed class BootstrapOptionsValidator(IOptions<SecurityOptions> security) : IValidateOptions<BootstrapOptions>
{
    /// <summary>API tokens shorter than this are guessable.</summary>
    public const int MinTokenLength = 24;

    private const string Section = BootstrapOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, BootstrapOptions options)
    {
        var failures = new List<string>();
        var hasUser = !string.IsNullOrWhiteSpace(options.AdminUser);
        var hasPassword = !string.IsNullOrEmpty(options.AdminPassword);
        if (hasUser != hasPassword)
        {
            failures.Add($"{Section}:AdminUser and {Section}:AdminPassword go together; give both or neither");
        }
        if (hasUser && !UserNames.IsValid(options.AdminUser!))
        {
            failures.Add($"{Section}:AdminUser '{options.AdminUser}' {UserNames.Rule}");
        }
        if (hasPassword && options.AdminPassword!.Length < security.Value.MinPasswordLength)
        {
            failures.Add($"{Section}:AdminPassword is shorter than {security.Value.MinPasswordLength} characters ({SecurityOptions.SectionName}:MinPasswordLength)");
        }
        if (!string.IsNullOrEmpty(options.ApiToken) && options.ApiToken.Length < MinTokenLength)
        {
            failures.Add($"{Section}:ApiToken is shorter than {MinTokenLength} characters; use a random value, e.g. from `openssl rand -hex 32`");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
