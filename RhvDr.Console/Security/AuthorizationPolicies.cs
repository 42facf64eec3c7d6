namespace RhvDr.Console.Security;

/// <summary>The console's authorization policies, one per role; each admits that role and the roles above it.</summary>
public static class AuthorizationPolicies
{
    public const string Viewer = nameof(Viewer);
    public const string Operator = nameof(Operator);
    public const string Administrator = nameof(Administrator);

    /// <summary><c>/metrics</c>: an API token of any role (Prometheus scrapers send it as a bearer token).</summary>
    public const string MetricsScrape = nameof(MetricsScrape);
}
