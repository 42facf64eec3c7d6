namespace RhvDr.Core.Security;

/// <summary>Which runs need a second operator's approval, per run kind (<c>RhvDr:Security:FourEyes</c>).</summary>
public sealed class FourEyesOptions
{
    public ApprovalRule Failover { get; set; } = ApprovalRule.Disaster;

    public ApprovalRule Failback { get; set; } = ApprovalRule.Always;

    public ApprovalRule Test { get; set; } = ApprovalRule.Never;

    public ApprovalRule Cleanup { get; set; } = ApprovalRule.Never;

    public ApprovalRule Evacuate { get; set; } = ApprovalRule.Never;

    public ApprovalRule Return { get; set; } = ApprovalRule.Never;
}
