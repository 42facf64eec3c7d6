using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RhvDr.Console.Components.Pages.Admin;
using RhvDr.Core.Data;
using RhvDr.Core.Security;
using RhvDr.Tests.Core;

namespace RhvDr.Tests.Components;

/// <summary>The administration pages over real services and a real database, as an administrator clicks them.</summary>
public sealed class AdminPagesTests : ConsoleTestContext, IAsyncLifetime
{
    private readonly TempDatabase _database = new();
    private UserService _users = null!;
    private ApiTokenService _tokens = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        await _database.InitializeAsync();
        await new SchemaMigrator(_database.Connections).MigrateAsync(CancellationToken.None);
        _users = new UserService(new SqliteUserStore(_database.Connections), Audit, Options.Create(new SecurityOptions()), TimeProvider.System);
        _tokens = new ApiTokenService(new SqliteApiTokenStore(_database.Connections), Audit, TimeProvider.System);
        await _users.SetUpFirstAdministratorAsync("admin", "admin-password-long", "test", CancellationToken.None);
        Services.AddSingleton(_users);
        Services.AddSingleton(_tokens);
        Services.AddSingleton(TimeProvider.System);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Tokens_Create_ShowsTheTokenOnceAndItWorks()
    {
        RenderProviders();
        var cut = Render<Tokens>();

        cut.Find(".token-name input").Change("grafana");
        await cut.Find("button.token-create").ClickAsync(new());

        var token = cut.WaitForElement("[data-testid='token-value']").TextContent.Trim();
        Assert.Equal(Role.Viewer, (await _tokens.ValidateAsync(token, CancellationToken.None))!.Role);
        cut.WaitForAssertion(() => Assert.Equal("grafana", cut.Find(".token-row-name").TextContent));
        Assert.DoesNotContain(token, cut.Find(".tokens-table").TextContent, StringComparison.Ordinal);

        await cut.Find("button.token-revoke").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.StartsWith("revoked by admin", cut.Find(".token-state").TextContent, StringComparison.Ordinal));
        Assert.Null(await _tokens.ValidateAsync(token, CancellationToken.None));
    }

    [Fact]
    public async Task Users_AddWithShortPassword_SaysWhyAndAddsNobody()
    {
        Render<MudBlazor.MudPopoverProvider>();
        var snackbars = Render<MudBlazor.MudSnackbarProvider>();
        var cut = Render<Users>();

        cut.Find(".create-name input").Change("anna");
        cut.Find(".create-password input").Change("short");
        await cut.Find("button.create-user").ClickAsync(new());

        snackbars.WaitForAssertion(() => Assert.Contains("at least 12 characters", snackbars.Markup, StringComparison.Ordinal));
        Assert.Null(await _users.FindAsync("anna", CancellationToken.None));

        cut.Find(".create-password input").Change("a-long-enough-password");
        await cut.Find("button.create-user").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll(".user-name"), c => c.TextContent.StartsWith("anna", StringComparison.Ordinal)));
        Assert.Equal(Role.Viewer, (await _users.FindAsync("anna", CancellationToken.None))!.Role);
        Assert.Contains(Audit.Records, r => r.Action == "user.create" && r.Actor == "admin" && r.Target == "anna");
    }
}
