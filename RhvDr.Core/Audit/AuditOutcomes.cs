namespace RhvDr.Core.Audit;

/// <summary>How an audited action ended.</summary>
public static class AuditOutcomes
{
    public const string Ok = "ok";
    public const string Denied = "denied";
    public const string Failed = "failed";
}
