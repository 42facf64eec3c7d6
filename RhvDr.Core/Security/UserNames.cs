using System.Text.RegularExpressions;

namespace RhvDr.Core.Security;

/// <summary>What a local user name may look like.</summary>
public static partial class UserNames
{
    public const string Rule = "must be 1–64 letters, digits, '.', '_', '-' or '@'";

    public static bool IsValid(string name) => NamePattern().IsMatch(name);

    [GeneratedRegex(@"^[A-Za-z0-9._@-]{1,64}$", RegexOptions.None, matchTimeoutMilliseconds: 200)]
    private static partial Regex NamePattern();
}
