using RhvDr.Core.Security;

namespace RhvDr.Console.Api;

/// <summary>A user as the API shows it: never the password hash.</summary>
public sealed record UserDto(string Username, string? DisplayName, Role Role, bool External, bool Disabled, bool LockedOut, DateTimeOffset CreatedAt, DateTimeOffset? LastSignInAt)
{
    public static UserDto From(UserAccount user, DateTimeOffset now) =>
        new(user.Username, user.DisplayName, user.Role, user.External, user.Disabled, user.IsLockedOut(now), user.CreatedAt, user.LastSignInAt);
}
