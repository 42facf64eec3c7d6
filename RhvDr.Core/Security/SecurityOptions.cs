namespace RhvDr.Core.Security;

/// <summary>Sign-in, lockout, sessions and four-eyes rules, bound from <c>RhvDr:Security</c>.</summary>
public sealed class SecurityOptions
{
    public const string SectionName = "RhvDr:Security";

    /// <summary>Failed sign-ins in a row before an account is locked.</summary>
    public int MaxFailedSignIns { get; set; } = 5;

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    public int MinPasswordLength { get; set; } = 12;

    /// <summary>How long a sign-in lasts without activity.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Send the session cookie over HTTPS only, also when the console is reached over plain HTTP (then sign-in cannot work).</summary>
    public bool RequireHttpsCookies { get; set; }

    /// <summary>
    /// Refused requests, pages and hub calls recorded one by one per caller (user or token, and address) and minute; more
    /// in that minute are counted into one entry, so a flood cannot grow the audit trail without bound.
    /// </summary>
    public int DeniedAuditPerMinute { get; set; } = 20;

    public FourEyesOptions FourEyes { get; set; } = new();

    public OidcOptions Oidc { get; set; } = new();
}
