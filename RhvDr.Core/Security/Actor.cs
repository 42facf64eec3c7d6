namespace RhvDr.Core.Security;

/// <summary>Who is acting, with which role, from where: what the audit trail records and what services check.</summary>
/// <param name="Name">The user name, or <c>token:NAME</c> for an API token, or <c>system</c>.</param>
/// <param name="Source">The caller's address (or <c>local</c> for the console itself).</param>
public sealed record Actor(string Name, Role Role, string Source)
{
    /// <summary>The console acting on its own (start-up seeding, background work).</summary>
    public static Actor System { get; } = new("system", Role.Administrator, "local");

    public bool Can(Role needed) => Role >= needed;

    /// <summary>Throws <see cref="AccessDeniedException"/> unless this actor has at least <paramref name="needed"/>.</summary>
    /// <param name="what">What was attempted, in words, e.g. "start a failover".</param>
    public void Require(Role needed, string what)
    {
        if (!Can(needed))
        {
            throw new AccessDeniedException($"{Name} ({Role}) may not {what}: that needs the {needed} role.");
        }
    }

    public override string ToString() => $"{Name} ({Role}) from {Source}";
}
