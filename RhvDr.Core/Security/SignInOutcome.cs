namespace RhvDr.Core.Security;

public enum SignInOutcome
{
    Succeeded,

    /// <summary>Unknown user or wrong password: the sign-in page says only that, so it does not reveal which.</summary>
    Failed,

    LockedOut,

    Disabled,
}
