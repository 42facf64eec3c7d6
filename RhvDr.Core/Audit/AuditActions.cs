namespace RhvDr.Core.Audit;

/// <summary>The actions the audit trail records; dotted so a prefix filters a family (<c>run.</c>, <c>user.</c>).</summary>
public static class AuditActions
{
    public const string SignIn = "auth.signin";
    public const string SignInFailed = "auth.signin-failed";
    public const string LockedOut = "auth.lockout";
    public const string SignOut = "auth.signout";
    public const string Setup = "auth.setup";

    public const string UserCreate = "user.create";
    public const string UserUpdate = "user.update";
    public const string UserPassword = "user.password";
    public const string UserUnlock = "user.unlock";
    public const string UserDelete = "user.delete";

    public const string TokenCreate = "token.create";
    public const string TokenRevoke = "token.revoke";

    public const string CredentialsChange = "site.credentials";

    public const string MappingSave = "mapping.save";
    public const string MappingRollback = "mapping.rollback";

    public const string PlansSave = "plans.save";

    public const string RunStart = "run.start";
    public const string RunApprove = "run.approve";
    public const string RunReject = "run.reject";
    public const string RunConfirm = "run.confirm";
    public const string RunPause = "run.pause";
    public const string RunCancel = "run.cancel";
    public const string RunResume = "run.resume";

    /// <summary>A drill of a recovery plan started (by the scheduler or an operator), ended, or was skipped.</summary>
    public const string DrillStart = "drill.start";
    public const string DrillEnd = "drill.end";
    public const string DrillSkipped = "drill.skip";

    public const string IncidentAcknowledge = "incident.ack";
    public const string IncidentStartVms = "incident.start-vms";

    public const string LabControl = "lab.control";

    /// <summary>A request, page or hub call refused by its role policy (or without a sign-in), and folded counts of many.</summary>
    public const string AccessDenied = "access.denied";
}
