using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using RhvDr.Core.Audit;

namespace RhvDr.Core.Security;

/// <summary>
/// Local accounts: sign-in with lockout, first set-up, and the administrator's changes. Passwords are hashed with
/// ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/>; every sign-in and change is audited.
/// </summary>
public sealed class UserService(IUserStore users, IAuditTrail audit, IOptions<SecurityOptions> options, TimeProvider time)
{
    private static readonly PasswordHasher<UserAccount> Hasher = new();

    // Verified against when the user is unknown, so an unknown name costs the same time as a wrong password.
    private static readonly string DummyHash = Hasher.HashPassword(null!, Guid.NewGuid().ToString());

    private SecurityOptions Options => options.Value;

    public Task<int> CountAsync(CancellationToken cancellationToken) => users.CountAsync(cancellationToken);

    public Task<IReadOnlyList<UserAccount>> ListAsync(CancellationToken cancellationToken) => users.ListAsync(cancellationToken);

    public Task<UserAccount?> FindAsync(string username, CancellationToken cancellationToken) => users.FindAsync(username, cancellationToken);

    public async Task<SignInResult> SignInAsync(string username, string password, string source, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var name = username?.Trim() ?? "";
        var user = name.Length == 0 ? null : await users.FindAsync(name, cancellationToken).ConfigureAwait(false);
        if (user is null || user.External || user.PasswordHash is null)
        {
            Hasher.VerifyHashedPassword(null!, DummyHash, password ?? "");
            await AuditAsync(name, source, AuditActions.SignInFailed, name, AuditOutcomes.Failed, detail: user is null ? "unknown user" : "account signs in through single sign-on", cancellationToken: cancellationToken).ConfigureAwait(false);
            return new SignInResult(SignInOutcome.Failed, null, "The user name or password is wrong.");
        }
        if (user.Disabled)
        {
            await AuditAsync(user.Username, source, AuditActions.SignInFailed, user.Username, AuditOutcomes.Denied, detail: "account disabled", cancellationToken: cancellationToken).ConfigureAwait(false);
            return new SignInResult(SignInOutcome.Disabled, null, "This account is disabled. Ask an administrator to enable it.");
        }
        if (user.IsLockedOut(now))
        {
            await AuditAsync(user.Username, source, AuditActions.SignInFailed, user.Username, AuditOutcomes.Denied, detail: $"locked out until {user.LockoutEnd:u}", cancellationToken: cancellationToken).ConfigureAwait(false);
            return LockedOut(user);
        }

        var verdict = Hasher.VerifyHashedPassword(user, user.PasswordHash, password ?? "");
        if (verdict == PasswordVerificationResult.Failed)
        {
            var failed = user.FailedCount + 1;
            if (failed >= Options.MaxFailedSignIns)
            {
                var locked = user with { FailedCount = 0, LockoutEnd = now + Options.LockoutDuration };
                await users.UpdateAsync(locked, cancellationToken).ConfigureAwait(false);
                await AuditAsync(user.Username, source, AuditActions.LockedOut, user.Username, AuditOutcomes.Denied,
                    detail: $"{failed} failed sign-ins in a row; locked until {locked.LockoutEnd:u}", cancellationToken: cancellationToken).ConfigureAwait(false);
                return LockedOut(locked);
            }
            await users.UpdateAsync(user with { FailedCount = failed }, cancellationToken).ConfigureAwait(false);
            await AuditAsync(user.Username, source, AuditActions.SignInFailed, user.Username, AuditOutcomes.Failed, detail: $"wrong password ({failed} of {Options.MaxFailedSignIns})", cancellationToken: cancellationToken).ConfigureAwait(false);
            return new SignInResult(SignInOutcome.Failed, null, "The user name or password is wrong.");
        }

        var signedIn = user with
        {
            FailedCount = 0,
            LockoutEnd = null,
            LastSignInAt = now,
            PasswordHash = verdict == PasswordVerificationResult.SuccessRehashNeeded ? Hasher.HashPassword(user, password!) : user.PasswordHash,
        };
        await users.UpdateAsync(signedIn, cancellationToken).ConfigureAwait(false);
        await AuditAsync(user.Username, source, AuditActions.SignIn, user.Username, AuditOutcomes.Ok, detail: "password", cancellationToken: cancellationToken).ConfigureAwait(false);
        return new SignInResult(SignInOutcome.Succeeded, signedIn, "Signed in.");
    }

    /// <summary>Signs in a person the identity provider vouched for: creates or updates their external account with the mapped role.</summary>
    public async Task<SignInResult> SignInExternalAsync(string username, string? displayName, Role role, string source, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var user = await users.FindAsync(username, cancellationToken).ConfigureAwait(false);
        if (user is { External: false })
        {
            await AuditAsync(username, source, AuditActions.SignInFailed, username, AuditOutcomes.Denied, detail: "single sign-on for a name that is a local account", cancellationToken: cancellationToken).ConfigureAwait(false);
            return new SignInResult(SignInOutcome.Failed, null, $"'{username}' is a local account here; sign in with its password, or ask an administrator to rename it.");
        }
        if (user is { Disabled: true })
        {
            await AuditAsync(username, source, AuditActions.SignInFailed, username, AuditOutcomes.Denied, detail: "account disabled", cancellationToken: cancellationToken).ConfigureAwait(false);
            return new SignInResult(SignInOutcome.Disabled, null, "This account is disabled. Ask an administrator to enable it.");
        }
        if (user is null)
        {
            var created = new UserAccount { Username = username, DisplayName = displayName, Role = role, External = true, Stamp = NewStamp(), CreatedAt = now, LastSignInAt = now };
            var id = await users.InsertAsync(created, cancellationToken).ConfigureAwait(false) ?? throw new SecurityException($"The user '{username}' was created by someone else at the same time; sign in again.");
            user = created with { Id = id };
            await AuditAsync(username, source, AuditActions.UserCreate, username, AuditOutcomes.Ok, after: AuditJson.Of(user), detail: "first single sign-on", cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var before = user;
            user = user with { Role = role, DisplayName = displayName ?? user.DisplayName, LastSignInAt = now, Stamp = user.Role == role ? user.Stamp : NewStamp() };
            await users.UpdateAsync(user, cancellationToken).ConfigureAwait(false);
            if (before.Role != role)
            {
                await AuditAsync(username, source, AuditActions.UserUpdate, username, AuditOutcomes.Ok, AuditJson.Of(before), AuditJson.Of(user), "role from the identity provider", cancellationToken).ConfigureAwait(false);
            }
        }
        await AuditAsync(username, source, AuditActions.SignIn, username, AuditOutcomes.Ok, detail: "single sign-on", cancellationToken: cancellationToken).ConfigureAwait(false);
        return new SignInResult(SignInOutcome.Succeeded, user, "Signed in.");
    }

    /// <summary>Creates the first administrator of an empty database; refused once any account exists.</summary>
    public async Task<UserAccount> SetUpFirstAdministratorAsync(string username, string password, string source, CancellationToken cancellationToken)
    {
        var account = NewLocal(username, null, Role.Administrator, password);
        var id = await users.InsertFirstAsync(account, cancellationToken).ConfigureAwait(false)
            ?? throw new SecurityException("The console is already set up: sign in with an existing account.");
        account = account with { Id = id };
        await AuditAsync(account.Username, source, AuditActions.Setup, account.Username, AuditOutcomes.Ok, after: AuditJson.Of(account), detail: "first administrator", cancellationToken: cancellationToken).ConfigureAwait(false);
        return account;
    }

    public async Task<UserAccount> CreateAsync(Actor by, string username, string? displayName, Role role, string password, CancellationToken cancellationToken)
    {
        await RequireAdministratorAsync(by, "create users", username, AuditActions.UserCreate, cancellationToken).ConfigureAwait(false);
        var account = NewLocal(username, displayName, role, password);
        var id = await users.InsertAsync(account, cancellationToken).ConfigureAwait(false)
            ?? throw new SecurityException($"A user named '{account.Username}' exists already; pick another name or edit that user.");
        account = account with { Id = id };
        await AuditAsync(by, AuditActions.UserCreate, account.Username, before: null, after: AuditJson.Of(account), cancellationToken: cancellationToken).ConfigureAwait(false);
        return account;
    }

    /// <summary>Changes a user's role, display name or disabled state; the last enabled administrator cannot lose that.</summary>
    public async Task<UserAccount> UpdateAsync(Actor by, string username, Role role, bool disabled, string? displayName, CancellationToken cancellationToken)
    {
        await RequireAdministratorAsync(by, "change users", username, AuditActions.UserUpdate, cancellationToken).ConfigureAwait(false);
        var user = await RequireUserAsync(username, cancellationToken).ConfigureAwait(false);
        if ((role != Role.Administrator || disabled) && await IsLastAdministratorAsync(user, cancellationToken).ConfigureAwait(false))
        {
            throw new SecurityException($"'{user.Username}' is the last enabled administrator; make another user an administrator first.");
        }
        var changed = user with
        {
            Role = role,
            Disabled = disabled,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? null : displayName.Trim(),
            Stamp = user.Role == role && user.Disabled == disabled ? user.Stamp : NewStamp(),
        };
        await users.UpdateAsync(changed, cancellationToken).ConfigureAwait(false);
        await AuditAsync(by, AuditActions.UserUpdate, user.Username, AuditJson.Of(user), AuditJson.Of(changed), cancellationToken: cancellationToken).ConfigureAwait(false);
        return changed;
    }

    /// <summary>An administrator sets anyone's password; anyone may change their own by giving the current one.</summary>
    public async Task SetPasswordAsync(Actor by, string username, string newPassword, string? currentPassword, CancellationToken cancellationToken)
    {
        var user = await RequireUserAsync(username, cancellationToken).ConfigureAwait(false);
        var own = string.Equals(by.Name, user.Username, StringComparison.OrdinalIgnoreCase);
        if (!own)
        {
            await RequireAdministratorAsync(by, "set other users' passwords", username, AuditActions.UserPassword, cancellationToken).ConfigureAwait(false);
        }
        else if (user.PasswordHash is null || Hasher.VerifyHashedPassword(user, user.PasswordHash, currentPassword ?? "") == PasswordVerificationResult.Failed)
        {
            await AuditAsync(by, AuditActions.UserPassword, user.Username, outcome: AuditOutcomes.Denied, detail: "current password wrong", cancellationToken: cancellationToken).ConfigureAwait(false);
            throw new SecurityException("The current password is wrong.");
        }
        if (user.External)
        {
            throw new SecurityException($"'{user.Username}' signs in through single sign-on and has no password here.");
        }
        RequireStrongPassword(newPassword);
        var changed = user with { PasswordHash = Hasher.HashPassword(user, newPassword), FailedCount = 0, LockoutEnd = null, Stamp = NewStamp() };
        await users.UpdateAsync(changed, cancellationToken).ConfigureAwait(false);
        await AuditAsync(by, AuditActions.UserPassword, user.Username, detail: own ? "own password changed" : "password set by an administrator", cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public async Task UnlockAsync(Actor by, string username, CancellationToken cancellationToken)
    {
        await RequireAdministratorAsync(by, "unlock users", username, AuditActions.UserUnlock, cancellationToken).ConfigureAwait(false);
        var user = await RequireUserAsync(username, cancellationToken).ConfigureAwait(false);
        await users.UpdateAsync(user with { FailedCount = 0, LockoutEnd = null }, cancellationToken).ConfigureAwait(false);
        await AuditAsync(by, AuditActions.UserUnlock, user.Username, detail: user.LockoutEnd is { } end ? $"was locked until {end:u}" : "was not locked", cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteAsync(Actor by, string username, CancellationToken cancellationToken)
    {
        await RequireAdministratorAsync(by, "delete users", username, AuditActions.UserDelete, cancellationToken).ConfigureAwait(false);
        var user = await RequireUserAsync(username, cancellationToken).ConfigureAwait(false);
        if (string.Equals(by.Name, user.Username, StringComparison.OrdinalIgnoreCase))
        {
            throw new SecurityException("You cannot delete your own account; ask another administrator.");
        }
        if (await IsLastAdministratorAsync(user, cancellationToken).ConfigureAwait(false))
        {
            throw new SecurityException($"'{user.Username}' is the last enabled administrator; make another user an administrator first.");
        }
        await users.DeleteAsync(user.Id, cancellationToken).ConfigureAwait(false);
        await AuditAsync(by, AuditActions.UserDelete, user.Username, AuditJson.Of(user), null, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The account behind a session, if the session is still valid (account enabled, stamp unchanged).</summary>
    public async Task<UserAccount?> ValidateSessionAsync(string username, string stamp, CancellationToken cancellationToken)
    {
        var user = await users.FindAsync(username, cancellationToken).ConfigureAwait(false);
        return user is { Disabled: false } && string.Equals(user.Stamp, stamp, StringComparison.Ordinal) ? user : null;
    }

    public async Task RecordSignOutAsync(string username, string source, CancellationToken cancellationToken) =>
        await AuditAsync(username, source, AuditActions.SignOut, username, AuditOutcomes.Ok, cancellationToken: cancellationToken).ConfigureAwait(false);

    private UserAccount NewLocal(string username, string? displayName, Role role, string password)
    {
        var name = username?.Trim() ?? "";
        if (!UserNames.IsValid(name))
        {
            throw new SecurityException($"User name '{name}' {UserNames.Rule}.");
        }
        if (!Enum.IsDefined(role))
        {
            throw new SecurityException($"Role '{role}' is not Viewer, Operator or Administrator.");
        }
        RequireStrongPassword(password);
        var account = new UserAccount
        {
            Username = name,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? null : displayName.Trim(),
            Role = role,
            Stamp = NewStamp(),
            CreatedAt = time.GetUtcNow(),
        };
        return account with { PasswordHash = Hasher.HashPassword(account, password) };
    }

    private void RequireStrongPassword(string password)
    {
        if (string.IsNullOrEmpty(password) || password.Length < Options.MinPasswordLength)
        {
            throw new SecurityException($"The password must have at least {Options.MinPasswordLength} characters.");
        }
    }

    private async Task<UserAccount> RequireUserAsync(string username, CancellationToken cancellationToken) =>
        await users.FindAsync(username?.Trim() ?? "", cancellationToken).ConfigureAwait(false)
            ?? throw new SecurityException($"There is no user '{username}'.", notFound: true);

    private async Task<bool> IsLastAdministratorAsync(UserAccount user, CancellationToken cancellationToken)
    {
        if (user.Role != Role.Administrator || user.Disabled)
        {
            return false;
        }
        var all = await users.ListAsync(cancellationToken).ConfigureAwait(false);
        return all.Count(u => u.Role == Role.Administrator && !u.Disabled) <= 1;
    }

    private async Task RequireAdministratorAsync(Actor by, string what, string target, string action, CancellationToken cancellationToken)
    {
        if (!by.Can(Role.Administrator))
        {
            await AuditAsync(by, action, target, outcome: AuditOutcomes.Denied, detail: $"needs the Administrator role to {what}", cancellationToken: cancellationToken).ConfigureAwait(false);
            by.Require(Role.Administrator, what);
        }
    }

    private Task AuditAsync(Actor by, string action, string target, string? before = null, string? after = null, string outcome = AuditOutcomes.Ok, string? detail = null, CancellationToken cancellationToken = default) =>
        AuditAsync(by.Name, by.Source, action, target, outcome, before, after, detail, cancellationToken);

    // A failed sign-in records the name as typed: bounded, so a junk name cannot bloat the trail.
    private async Task AuditAsync(string actor, string source, string action, string target, string outcome, string? before = null, string? after = null, string? detail = null, CancellationToken cancellationToken = default) =>
        await audit.AppendAsync(new AuditEntry(Bounded(actor), source, action, Bounded(target), outcome, before, after, detail), cancellationToken).ConfigureAwait(false);

    private static string Bounded(string name) => name.Length == 0 ? "(empty)" : name.Length <= 100 ? name : name[..100] + "…";

    private static SignInResult LockedOut(UserAccount user) =>
        new(SignInOutcome.LockedOut, null, $"This account is locked after too many failed sign-ins, until {user.LockoutEnd:HH:mm} UTC. An administrator can unlock it sooner.");

    private static string NewStamp() => Guid.NewGuid().ToString("N");
}
