using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RhvDr.Core.Audit;
using RhvDr.Core.Data;
using RhvDr.Core.Security;
using RhvDr.Tests.Core;

namespace RhvDr.Tests.Security;

/// <summary>Local accounts over a real database: hashing, lockout, set-up and the administrator's guard rails.</summary>
public sealed class UserServiceTests : IAsyncLifetime
{
    private const string Password = "a-long-enough-password";

    private readonly TempDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private readonly SecurityOptions _options = new() { MaxFailedSignIns = 3, LockoutDuration = TimeSpan.FromMinutes(15) };
    private SqliteAuditTrail _audit = null!;
    private UserService _users = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await new SchemaMigrator(_database.Connections).MigrateAsync(CancellationToken.None);
        _audit = new SqliteAuditTrail(_database.Connections, _clock);
        _users = new UserService(new SqliteUserStore(_database.Connections), _audit, Options.Create(_options), _clock);
        await _users.SetUpFirstAdministratorAsync("root", Password, "127.0.0.1", CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        _audit.Dispose();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task SignIn_RightPassword_SucceedsAndStoresOnlyAHash()
    {
        var result = await _users.SignInAsync("root", Password, "10.0.0.5", CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Equal(Role.Administrator, result.User!.Role);
        var stored = await _users.FindAsync("root", CancellationToken.None);
        Assert.DoesNotContain(Password, stored!.PasswordHash!, StringComparison.Ordinal);
        var entries = await _audit.QueryAsync(new AuditQuery(Action: AuditActions.SignIn), CancellationToken.None);
        Assert.Equal("10.0.0.5", Assert.Single(entries).Source);
    }

    [Fact]
    public async Task SignIn_RepeatedWrongPasswords_LocksTheAccountUntilTheLockoutEnds()
    {
        var outcomes = new List<SignInOutcome>();
        for (var i = 0; i < 3; i++)
        {
            outcomes.Add((await _users.SignInAsync("root", "wrong-password", "10.0.0.9", CancellationToken.None)).Outcome);
        }
        Assert.Equal([SignInOutcome.Failed, SignInOutcome.Failed, SignInOutcome.LockedOut], outcomes);

        var locked = await _users.SignInAsync("root", Password, "10.0.0.9", CancellationToken.None);
        Assert.Equal(SignInOutcome.LockedOut, locked.Outcome);
        Assert.Contains("locked", locked.Message, StringComparison.Ordinal);
        Assert.Single(await _audit.QueryAsync(new AuditQuery(Action: AuditActions.LockedOut), CancellationToken.None));

        _clock.Advance(TimeSpan.FromMinutes(16));
        Assert.True((await _users.SignInAsync("root", Password, "10.0.0.9", CancellationToken.None)).Succeeded);
    }

    [Fact]
    public async Task SignIn_UnknownUser_SaysTheSameAsAWrongPassword()
    {
        var unknown = await _users.SignInAsync("nobody", Password, "10.0.0.9", CancellationToken.None);
        var wrong = await _users.SignInAsync("root", "wrong-password", "10.0.0.9", CancellationToken.None);

        Assert.Equal(wrong.Message, unknown.Message);
        Assert.Equal(SignInOutcome.Failed, unknown.Outcome);
    }

    [Fact]
    public async Task SetUp_SecondTime_IsRefused()
    {
        var refused = await Assert.ThrowsAsync<SecurityException>(() => _users.SetUpFirstAdministratorAsync("intruder", Password, "10.0.0.66", CancellationToken.None));

        Assert.Contains("already set up", refused.Message, StringComparison.Ordinal);
        Assert.Null(await _users.FindAsync("intruder", CancellationToken.None));
    }

    [Fact]
    public async Task Update_LastAdministrator_CannotBeDemotedOrDisabled()
    {
        var root = new Actor("root", Role.Administrator, "test");

        var refused = await Assert.ThrowsAsync<SecurityException>(() => _users.UpdateAsync(root, "root", Role.Operator, false, null, CancellationToken.None));

        Assert.Contains("last enabled administrator", refused.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<SecurityException>(() => _users.UpdateAsync(root, "root", Role.Administrator, true, null, CancellationToken.None));
    }

    [Fact]
    public async Task Update_RoleChange_EndsOpenSessionsAndIsAuditedWithBeforeAndAfter()
    {
        var root = new Actor("root", Role.Administrator, "test");
        var ops = await _users.CreateAsync(root, "ops1", "Ops One", Role.Operator, Password, CancellationToken.None);

        await _users.UpdateAsync(root, "ops1", Role.Viewer, false, "Ops One", CancellationToken.None);

        Assert.Null(await _users.ValidateSessionAsync("ops1", ops.Stamp, CancellationToken.None));
        var change = Assert.Single(await _audit.QueryAsync(new AuditQuery(Action: AuditActions.UserUpdate), CancellationToken.None));
        Assert.Contains("\"role\":\"Operator\"", change.Before, StringComparison.Ordinal);
        Assert.Contains("\"role\":\"Viewer\"", change.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_ByOperator_IsDeniedAndAudited()
    {
        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            _users.CreateAsync(new Actor("ops", Role.Operator, "10.1.1.1"), "sneaky", null, Role.Administrator, Password, CancellationToken.None));

        Assert.Contains("Administrator", refused.Message, StringComparison.Ordinal);
        var denied = Assert.Single(await _audit.QueryAsync(new AuditQuery(Action: AuditActions.UserCreate), CancellationToken.None));
        Assert.Equal(AuditOutcomes.Denied, denied.Outcome);
        Assert.Null(await _users.FindAsync("sneaky", CancellationToken.None));
    }

    [Fact]
    public async Task Create_ShortPassword_SaysTheMinimum()
    {
        var refused = await Assert.ThrowsAsync<SecurityException>(() =>
            _users.CreateAsync(new Actor("root", Role.Administrator, "test"), "short", null, Role.Viewer, "abc", CancellationToken.None));

        Assert.Contains("at least 12 characters", refused.Message, StringComparison.Ordinal);
    }
}
