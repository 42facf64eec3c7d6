namespace RhvDr.Lab;

/// <summary>The lab's configuration, bound from the <c>Lab</c> section.</summary>
public sealed class LabOptions
{
    public const string SectionName = "Lab";
    public const string ActivePassive = "active-passive";
    public const string ActiveActive = "active-active";

    /// <summary>
    /// active-passive (two engines, <c>primary</c> and <c>recovery</c>) or active-active (one engine, <c>stretch</c>, managing
    /// one stretch cluster with hosts at both sites; the engine stands at a third location and stays reachable when a site is lost).
    /// </summary>
    public string Scenario { get; set; } = ActivePassive;

    public bool IsActiveActive => string.Equals(Scenario, ActiveActive, StringComparison.OrdinalIgnoreCase);

    /// <summary>Multiplies simulated operation durations; 0 makes operations instant (tests).</summary>
    public double TimeScale { get; set; } = 1.0;

    public int VmsPerSite { get; set; } = 120;

    public int HostsPerSite { get; set; } = 8;

    /// <summary>Replicated data domains at the primary site (the first is the master); VMs are spread over them. Benchmarks use 20.</summary>
    public int DataDomains { get; set; } = 4;

    /// <summary>The estate is generated deterministically from this seed.</summary>
    public int Seed { get; set; } = 42;

    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>0: dynamic ports. Otherwise control on Port, engines on Port+1 (primary) and Port+2 (recovery).</summary>
    public int Port { get; set; }

    /// <summary>OVF store update interval, scaled by TimeScale (with TimeScale 0, only explicit updates happen).</summary>
    public double OvfUpdateIntervalMinutes { get; set; } = 60;

    public string AdminUser { get; set; } = "admin@internal";

    /// <summary>Null: a random password per start.</summary>
    public string? AdminPassword { get; set; }

    /// <summary>
    /// A second engine user, holding only UserRole on the system: it signs in and reads, but lacks the storage, import and host
    /// permits a DR run needs, for rehearsing what the engine check says about a user with too few rights.
    /// </summary>
    public string ReadOnlyUser { get; set; } = "readonly@internal";

    /// <summary>Null: the same password as <see cref="AdminUser"/>.</summary>
    public string? ReadOnlyPassword { get; set; }

    public double TokenLifetimeMinutes { get; set; } = 30;

    /// <summary>
    /// The credential of the control and array API (<c>Authorization: Bearer …</c>). Null: a random one per start, printed by
    /// the standalone lab and handed in memory to a console that embeds the lab. Set it so scripts can use a known one.
    /// </summary>
    public string? ControlToken { get; set; }

    /// <summary>The shortest <see cref="ControlToken"/> accepted.</summary>
    public const int MinControlTokenLength = 16;

    /// <summary>HTTPS for every listener (<c>Lab:Tls</c>); off by default.</summary>
    public Tls.LabTlsOptions Tls { get; set; } = new();

    /// <summary>Every error in this configuration, each naming its key; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!IsActiveActive && !string.Equals(Scenario, ActivePassive, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"Lab:Scenario '{Scenario}' is unknown; use 'active-passive' or 'active-active'.");
        }

        if (TimeScale < 0 || double.IsNaN(TimeScale) || double.IsInfinity(TimeScale))
        {
            errors.Add("Lab:TimeScale must be 0 or a positive number.");
        }

        if (VmsPerSite is < 0 or > 100_000)
        {
            errors.Add("Lab:VmsPerSite must be between 0 and 100000.");
        }

        if (HostsPerSite is < 1 or > 1000)
        {
            errors.Add("Lab:HostsPerSite must be between 1 and 1000.");
        }

        if (DataDomains is < 4 or > 200)
        {
            errors.Add("Lab:DataDomains must be between 4 and 200.");
        }

        if (Port is < 0 or > 65533)
        {
            errors.Add("Lab:Port must be 0 (dynamic) or a port below 65534 (the engines use Port+1 and Port+2).");
        }

        if (!System.Net.IPAddress.TryParse(ListenAddress, out _) && !string.Equals(ListenAddress, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"Lab:ListenAddress '{ListenAddress}' is not an IP address.");
        }

        if (OvfUpdateIntervalMinutes <= 0)
        {
            errors.Add("Lab:OvfUpdateIntervalMinutes must be positive.");
        }

        if (string.IsNullOrWhiteSpace(AdminUser))
        {
            errors.Add("Lab:AdminUser must be set.");
        }

        if (string.IsNullOrWhiteSpace(ReadOnlyUser) || string.Equals(ReadOnlyUser, AdminUser, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"Lab:ReadOnlyUser '{ReadOnlyUser}' must be set and differ from Lab:AdminUser.");
        }

        if (TokenLifetimeMinutes <= 0)
        {
            errors.Add("Lab:TokenLifetimeMinutes must be positive.");
        }

        if (!string.IsNullOrEmpty(ControlToken) && (ControlToken.Length < MinControlTokenLength || ControlToken.Any(char.IsWhiteSpace)))
        {
            errors.Add($"Lab:ControlToken must be at least {MinControlTokenLength} characters without spaces; leave it unset for a random one per start.");
        }

        errors.AddRange(Tls.Validate());
        return errors;
    }
}
