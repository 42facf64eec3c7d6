namespace RhvDr.Core.Plans;

/// <summary>An explicit recovery address for one VM on a re-IP rule's network, instead of keeping its host part.</summary>
public sealed record ReIpAddress
{
    public string Vm { get; init; } = "";

    public string Address { get; init; } = "";
}
