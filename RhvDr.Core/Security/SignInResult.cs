namespace RhvDr.Core.Security;

/// <summary>How a sign-in went; <see cref="Message"/> is what the sign-in page shows.</summary>
public sealed record SignInResult(SignInOutcome Outcome, UserAccount? User, string Message)
{
    public bool Succeeded => Outcome == SignInOutcome.Succeeded;
}
