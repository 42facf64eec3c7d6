namespace RhvDr.Core.Plans;

/// <summary>How a started VM is verified beyond "up" in the engine: <see cref="Target"/> is <c>host:port</c> for TCP, a URL for HTTP.</summary>
public sealed record VmProbe
{
    public const int DefaultTimeoutSeconds = 300;

    public VmProbeKind Kind { get; init; }

    public string Target { get; init; } = "";

    /// <summary>How long the probe is tried before the VM counts as not verified; <see cref="DefaultTimeoutSeconds"/> when absent.</summary>
    public int? TimeoutSeconds { get; init; }
}
