namespace RhvDr.Core.Audit;

/// <summary>One refused request, page or hub call, as the audit trail records it.</summary>
/// <param name="Actor">The user or <c>token:NAME</c>; <c>anonymous</c> without a sign-in.</param>
/// <param name="Source">The caller's address.</param>
/// <param name="What">What was refused: <c>POST /api/runs</c>, <c>page /lab</c>, <c>hub DrHub.SubscribeRun</c>.</param>
/// <param name="Detail">Why, e.g. <c>403: needs the Operator role</c>.</param>
public sealed record DeniedAccess(string Actor, string Source, string What, string Detail)
{
    public const string Anonymous = "anonymous";
}
