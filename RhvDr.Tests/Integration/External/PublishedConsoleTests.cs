using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Runtime.Versioning;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using RhvDr.Tests.Support;
using Xunit.Abstractions;

namespace RhvDr.Tests.External;

/// <summary>
/// The console as deploy/rhvdr.service runs it: published with the Containerfile's <c>dotnet publish</c>, started from the
/// install directory as an unprivileged user, its database and keys in a data directory of that user's, real https engines
/// (which do not answer) configured through the environment. The subcommands run the same way, while it is live.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class PublishedConsoleTests(PublishedConsoleTests.PublishedConsole published, ITestOutputHelper log)
    : IClassFixture<PublishedConsoleTests.PublishedConsole>
{
    [Fact]
    public async Task Healthz_PublishedConsoleAsServiceUser_Answers200()
    {
        log.WriteLine($"dotnet publish --no-build took {published.PublishTime.TotalSeconds:0.0} s; the console answered /healthz {published.StartTime.TotalSeconds:0.0} s after it was started");
        using var http = published.Console.CreateApiClient();

        using var response = await http.GetAsync("healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        if (published.Account is not null)
        {
            var status = await File.ReadAllLinesAsync($"/proc/{published.Console.ProcessId}/status");
            Assert.Contains(status, line => line.StartsWith("Uid:", StringComparison.Ordinal) && line.Split('\t')[1] == published.Account.Uid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task Sites_RealEnginesThatDoNotAnswer_BothSayUnreachable()
    {
        using var http = published.Console.CreateApiClient(PublishedConsole.AdminToken);

        var sites = await WaitFor.ValueAsync(
            async () => await http.GetFromJsonAsync<JsonElement[]>("api/sites") ?? [],
            s => s.Length == 2 && s.All(site => site.GetProperty("engine").GetProperty("lastAttempt").ValueKind != JsonValueKind.Null),
            "both engines tried");

        Assert.Equal(["primary", "recovery"], sites.Select(s => s.GetProperty("name").GetString()).Order());
        foreach (var site in sites)
        {
            var engine = site.GetProperty("engine");
            Assert.False(engine.GetProperty("reachable").GetBoolean());
            Assert.Equal("unreachable", engine.GetProperty("status").GetString());
        }
    }

    [Fact]
    public void DataDirectory_ConsoleStarted_HoldsDatabaseAndKeysAndInstallIsUntouched()
    {
        Assert.True(File.Exists(Path.Combine(published.Data, "rhvdr.db")), $"no rhvdr.db in {published.Data}");
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(published.Data, "keys"), "key-*.xml"));
        Assert.False(Directory.Exists(Path.Combine(published.Install, "data")), "the console made a data directory inside the install directory");
        Assert.Equal(published.InstallFilesAtStart, PublishedConsole.Snapshot(published.Install));
    }

    [Fact]
    public async Task HealthCheckCommand_LiveConsole_Exits0()
    {
        var result = await published.RunCommandAsync("healthcheck", published.Console.BaseAddress.GetLeftPart(UriPartial.Authority));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("healthy", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthCheckCommand_ClosedPort_ExitsNonZeroSayingSo()
    {
        var url = $"http://127.0.0.1:{ConsoleProcess.FreePort()}/healthz";

        var result = await published.RunCommandAsync("healthcheck", url);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains($"RhvDr console at {url} did not answer", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BackupCommand_WhileConsoleRuns_WritesDatabaseHoldingTheAdministrator()
    {
        var target = Path.Combine(published.Data, "rhvdr-backup.db");

        var result = await published.RunCommandAsync("backup", target);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"to {target}", result.Output, StringComparison.Ordinal);
        await using var backup = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await backup.OpenAsync();
        await using var query = backup.CreateCommand();
        query.CommandText = "SELECT role FROM users WHERE username = 'admin';";
        Assert.Equal("Administrator", await query.ExecuteScalarAsync());
    }

    [Fact]
    public async Task BackupCommand_UnwritableTarget_ExitsNonZeroSayingSo()
    {
        var target = Path.Combine(published.ReadOnlyDirectory, "rhvdr-backup.db");

        var result = await published.RunCommandAsync("backup", target);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains($"Cannot write the backup to {target}", result.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(published.ReadOnlyDirectory));
    }

    [Fact]
    public async Task BackupCommand_NoDatabaseAtConfiguredPath_ExitsNonZeroNamingIt()
    {
        var missing = Path.Combine(published.Root, "nowhere", "rhvdr.db");

        var result = await published.RunCommandAsync("backup", Path.Combine(published.Data, "never.db"), $"--RhvDr:DatabasePath={missing}");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains($"No database at {missing} (RhvDr:DatabasePath)", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(missing));
    }

    [Fact]
    public async Task Audit_RequestThroughReverseProxy_RecordsTheForwardedClientAddress()
    {
        using var http = published.Console.CreateApiClient(PublishedConsole.AdminToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/tokens") { Content = JsonContent.Create(new { name = "behind-proxy", role = "viewer" }) };
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        request.Headers.Add("X-Forwarded-Proto", "https");

        using var created = await http.SendAsync(request);

        created.EnsureSuccessStatusCode();
        var audit = await http.GetFromJsonAsync<JsonElement[]>("api/audit") ?? [];
        var entry = Assert.Single(audit, e => e.GetProperty("action").GetString() == "token.create" && e.GetProperty("target").GetString() == "behind-proxy");
        Assert.Equal("203.0.113.7", entry.GetProperty("source").GetString());
    }

    /// <summary>Published once for the class, and one console started from it the way the systemd unit starts it.</summary>
    [SupportedOSPlatform("linux")]
    public sealed class PublishedConsole : IAsyncLifetime
    {
        public const string AdminToken = "rhvdr_published_admin_token_0123456789abcdef";

        public PublishedConsole()
        {
            Root = Directory.CreateTempSubdirectory("rhvdr-published-").FullName;
            Install = Path.Combine(Root, "install");
            Data = Path.Combine(Root, "data");
            ReadOnlyDirectory = Path.Combine(Root, "read-only");
        }

        public string Root { get; }

        /// <summary>Like <c>/opt/rhvdr</c>: the published files, owned by whoever runs the tests.</summary>
        public string Install { get; }

        /// <summary>Like <c>/var/lib/rhvdr</c>: owned by the service account.</summary>
        public string Data { get; }

        /// <summary>A directory nobody but root may write, for a backup that cannot be written.</summary>
        public string ReadOnlyDirectory { get; }

        public ServiceAccount? Account { get; } = ServiceAccount.ForServices;

        public TimeSpan PublishTime { get; private set; }

        public TimeSpan StartTime { get; private set; }

        public IReadOnlyList<string> InstallFilesAtStart { get; private set; } = [];

        public ConsoleProcess Console { get; private set; } = null!;

        /// <summary>What rhvdr.service and /etc/rhvdr/rhvdr.env set.</summary>
        public Dictionary<string, string?> Environment => WithForwardedHeaders();

        private Dictionary<string, string?> WithForwardedHeaders()
        {
            var environment = ConsoleProcess.UnreachableEnginesEnvironment(Data, AdminToken);
            environment["HOME"] = Data;
            environment["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true";
            return environment;
        }

        public async Task InitializeAsync()
        {
            // Like /opt: the service account may read and run the install, not write it.
            File.SetUnixFileMode(Root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            // --no-build reuses the build this test run made, so it publishes what the tests were built as (Release in ./test.sh).
            var publish = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = RepositoryPaths.Root,
                ArgumentList =
                {
                    "publish", Path.Combine("RhvDr.Console", "RhvDr.Console.csproj"), "-c", RepositoryPaths.Configuration, "--no-build",
                    "-o", Install, "--nologo", "-nr:false",
                },
            };
            var watch = Stopwatch.StartNew();
            var published = await ProcessResult.RunAsync(publish, TimeSpan.FromMinutes(5));
            PublishTime = watch.Elapsed;
            if (published.ExitCode != 0)
            {
                throw new InvalidOperationException($"dotnet publish of RhvDr.Console failed ({RepositoryPaths.Configuration}, --no-build: build the solution first): {published}");
            }

            Directory.CreateDirectory(Data);
            Directory.CreateDirectory(ReadOnlyDirectory);
            File.SetUnixFileMode(ReadOnlyDirectory, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead
                | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            if (Account is not null)
            {
                await Account.TakeOwnershipAsync(Data);
            }
            InstallFilesAtStart = Snapshot(Install);

            watch.Restart();
            Console = await ConsoleProcess.StartAsync(Install, Environment, Account);
            StartTime = watch.Elapsed;
        }

        /// <summary>A subcommand of the published console, run as the console runs: same user, directory and environment.</summary>
        public Task<ProcessResult> RunCommandAsync(params string[] arguments) =>
            ConsoleProcess.RunCommandAsync(Install, arguments, Environment, Account);

        /// <summary>Every file under <paramref name="directory"/> with its size and last write time.</summary>
        public static IReadOnlyList<string> Snapshot(string directory) =>
            [.. new DirectoryInfo(directory).EnumerateFileSystemInfos("*", SearchOption.AllDirectories)
                .Select(f => $"{Path.GetRelativePath(directory, f.FullName)} {(f as FileInfo)?.Length} {f.LastWriteTimeUtc:O}")
                .Order(StringComparer.Ordinal)];

        public async Task DisposeAsync()
        {
            if (Console is not null)
            {
                await Console.DisposeAsync();
            }
            try
            {
                File.SetUnixFileMode(ReadOnlyDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS temp cleaner.
            }
        }
    }
}
