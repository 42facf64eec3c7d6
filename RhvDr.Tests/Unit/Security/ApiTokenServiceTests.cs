using RhvDr.Core.Audit;
using RhvDr.Core.Data;
using RhvDr.Core.Security;
using RhvDr.Tests.Core;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.Security;

/// <summary>API tokens over a real database: shown once, stored hashed, revocable.</summary>
public sealed class ApiTokenServiceTests : IAsyncLifetime
{
    private readonly TempDatabase _database = new();
    private readonly Actor _admin = new("root", Role.Administrator, "test");
    private ApiTokenService _tokens = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await new SchemaMigrator(_database.Connections).MigrateAsync(CancellationToken.None);
        _tokens = new ApiTokenService(new SqliteApiTokenStore(_database.Connections), new RecordingAuditTrail(), TimeProvider.System);
    }

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task Create_NewToken_ValidatesWithItsRoleAndIsNotStoredInClear()
    {
        var created = await _tokens.CreateAsync(_admin, "grafana", Role.Viewer, CancellationToken.None);

        var validated = await _tokens.ValidateAsync(created.Token, CancellationToken.None);
        Assert.Equal(Role.Viewer, validated!.Role);
        Assert.StartsWith(ApiTokenService.TokenPrefix, created.Token, StringComparison.Ordinal);
        foreach (var file in _database.Files)
        {
            var text = System.Text.Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file));
            Assert.DoesNotContain(created.Token, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Revoke_Token_NoLongerValidates()
    {
        var created = await _tokens.CreateAsync(_admin, "noc-bot", Role.Operator, CancellationToken.None);

        await _tokens.RevokeAsync(_admin, created.Info.Id, CancellationToken.None);

        Assert.Null(await _tokens.ValidateAsync(created.Token, CancellationToken.None));
        Assert.Equal("root", Assert.Single(await _tokens.ListAsync(CancellationToken.None)).RevokedBy);
    }

    [Fact]
    public async Task Seed_WhenTokensExist_DoesNothing()
    {
        Assert.True(await _tokens.SeedAsync("rhvdr_bootstrap_token_0123456789abcdef", CancellationToken.None));

        Assert.False(await _tokens.SeedAsync("rhvdr_another_token_0123456789abcdef", CancellationToken.None));
        Assert.Null(await _tokens.ValidateAsync("rhvdr_another_token_0123456789abcdef", CancellationToken.None));
        Assert.Equal(Role.Administrator, (await _tokens.ValidateAsync("rhvdr_bootstrap_token_0123456789abcdef", CancellationToken.None))!.Role);
    }
}
