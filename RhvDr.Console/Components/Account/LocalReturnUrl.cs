namespace RhvDr.Console.Components.Account;

/// <summary>Where to go after signing in: only a path on this console, never another site (an open redirect).</summary>
public static class LocalReturnUrl
{
    public static string Of(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl[0] == '/' && (returnUrl.Length == 1 || (returnUrl[1] != '/' && returnUrl[1] != '\\'))
            ? returnUrl
            : "/";
}
