using RhvDr.Core.Recovery;

namespace RhvDr.Core.Security;

/// <summary>Reads <see cref="FourEyesOptions"/> for a run kind and mode.</summary>
public static class FourEyesRules
{
    public static bool RequiresApproval(this FourEyesOptions options, RunKind kind, RunMode mode)
    {
        ArgumentNullException.ThrowIfNull(options);
        var rule = kind switch
        {
            RunKind.Failover => options.Failover,
            RunKind.Failback => options.Failback,
            RunKind.Test => options.Test,
            RunKind.Cleanup => options.Cleanup,
            RunKind.Evacuate => options.Evacuate,
            RunKind.Return => options.Return,
            _ => ApprovalRule.Always,
        };
        return rule == ApprovalRule.Always || (rule == ApprovalRule.Disaster && mode == RunMode.Disaster);
    }
}
