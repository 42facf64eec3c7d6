using System.Net.Http.Json;
using System.Text.Json;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.External;

/// <summary>
/// A console killed outright (a crash, the OOM killer, a power cut) and another started on the same database, as systemd's
/// Restart=on-failure does: what was saved before the kill is there, and a later <c>systemctl stop</c> ends it cleanly.
/// </summary>
public sealed class ConsoleRestartTests : IDisposable
{
    private const string AdminToken = "rhvdr_restart_admin_token_0123456789abcdef";

    private readonly string _data = Directory.CreateTempSubdirectory("rhvdr-restart-").FullName;

    private Dictionary<string, string?> Environment => ConsoleProcess.UnreachableEnginesEnvironment(_data, AdminToken);

    [Fact]
    public async Task Start_AfterSigkillOnTheSameDatabase_TokenMadeBeforeTheKillWorksAndSigtermExits0()
    {
        string token;
        await using (var killed = await ConsoleProcess.StartAsync(RepositoryPaths.ConsoleBuildOutput, Environment))
        {
            using var admin = killed.CreateApiClient(AdminToken);
            using var created = await admin.PostAsJsonAsync("api/tokens", new { name = "noc-bot", role = "viewer" });
            created.EnsureSuccessStatusCode();
            token = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;

            await killed.KillAsync();

            Assert.True(killed.HasExited);
            // Killed with its database open: SQLite removes the write-ahead log only when the last connection closes.
            Assert.True(File.Exists(Path.Combine(_data, "rhvdr.db-wal")), "the console had the chance to close its database");
        }

        await using var restarted = await ConsoleProcess.StartAsync(RepositoryPaths.ConsoleBuildOutput, Environment);
        using var viewer = restarted.CreateApiClient(token);
        var me = await viewer.GetFromJsonAsync<JsonElement>("api/me");
        Assert.Equal("token:noc-bot", me.GetProperty("name").GetString());
        Assert.Equal("viewer", me.GetProperty("role").GetString());

        var exitCode = await restarted.StopAsync();

        Assert.True(exitCode == 0, $"exit code {exitCode} after SIGTERM:\n{restarted.Output}");
        Assert.Contains("Application is shutting down", restarted.Output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);
}
