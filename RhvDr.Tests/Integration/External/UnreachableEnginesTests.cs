using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RhvDr.Tests.Integration;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.External;

/// <summary>
/// The configuration every real user has, during an outage: two https engines that do not answer, no lab. Every page must
/// still serve every role, and the lab must be absent.
/// </summary>
public sealed class UnreachableEnginesTests(UnreachableEnginesTests.RunningConsole console) : IClassFixture<UnreachableEnginesTests.RunningConsole>
{
    // Each page with the least role that may open it.
    public static TheoryData<string, string> PagesByRole()
    {
        var pages = new (string Path, string MinRole)[]
        {
            ("/", "viewer"), ("/hosts", "viewer"), ("/storage", "viewer"), ("/vms", "viewer"), ("/readiness", "viewer"),
            ("/readiness/report", "viewer"), ("/mapping", "viewer"), ("/runs", "viewer"), ("/runs/new", "operator"),
            ("/runs/20261205-000000-000000", "viewer"), ("/incidents", "viewer"), ("/wall", "viewer"), ("/audit", "viewer"),
            ("/stretch", "viewer"), ("/admin/users", "administrator"), ("/admin/tokens", "administrator"),
            ("/admin/credentials", "administrator"), ("/admin/engines", "administrator"),
        };
        var data = new TheoryData<string, string>();
        foreach (var role in new[] { "viewer", "operator", "administrator" })
        {
            foreach (var (path, minRole) in pages)
            {
                if (Rank(role) >= Rank(minRole))
                {
                    data.Add(path, role);
                }
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(PagesByRole))]
    public async Task Page_TwoUnreachableEngines_Serves200(string path, string role)
    {
        using var http = await console.ClientForAsync(role);

        using var response = await http.GetAsync(path);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} as {role}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 400)]}");
        Assert.DoesNotContain("nav-lab", body, StringComparison.Ordinal);
        if (path != "/wall" && path != "/readiness/report")
        {
            // The signed-in layout, not a sign-in or error page.
            Assert.Contains("nav-audit", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task LabPage_NoLabSite_Answers404()
    {
        using var http = await console.ClientForAsync("administrator");

        using var response = await http.GetAsync("/lab");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task LabApi_NoLabSite_Answers404InWords()
    {
        using var http = await console.ClientForAsync("operator");

        using var status = await http.GetAsync("/api/lab");
        using var down = await http.PostAsync("/api/lab/sites/primary/down", null);
        using var pairs = await http.GetAsync("/api/lab/array/pairs");

        Assert.All([status, down, pairs], r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.Contains("no lab", (await down.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sites_TwoUnreachableEngines_EachSaysUnreachableInWords()
    {
        var sites = await WaitFor.ValueAsync(
            async () => await console.Factory.CreateApiClient().GetFromJsonAsync<JsonElement[]>("/api/sites") ?? [],
            s => s.Length == 2 && s.All(site => site.GetProperty("engine").GetProperty("lastAttempt").ValueKind != JsonValueKind.Null),
            "both engines tried");

        foreach (var site in sites)
        {
            var engine = site.GetProperty("engine");
            Assert.False(engine.GetProperty("reachable").GetBoolean());
            Assert.Equal("unreachable", engine.GetProperty("status").GetString());
            Assert.Contains("127.0.0.1", engine.GetProperty("message").GetString(), StringComparison.Ordinal);
        }
    }

    public static TheoryData<string> PagesShowingSites() =>
        ["/", "/hosts", "/storage", "/vms", "/readiness", "/readiness/report", "/mapping", "/runs", "/runs/new", "/incidents", "/wall", "/stretch", "/admin/engines"];

    [Theory]
    [MemberData(nameof(PagesShowingSites))]
    public async Task Page_TwoUnreachableEngines_EachEngineErrorAtMostOnceInWordsAndNoDoubledName(string path)
    {
        await BothEnginesTriedAsync();
        using var http = await console.ClientForAsync("administrator");

        var body = System.Net.WebUtility.HtmlDecode(await http.GetStringAsync(path));

        foreach (var engine in new[] { "127.0.0.1:9", "127.0.0.1:10" })
        {
            var times = System.Text.RegularExpressions.Regex.Count(body, System.Text.RegularExpressions.Regex.Escape($"{engine} is unreachable: connection refused"), System.Text.RegularExpressions.RegexOptions.IgnoreCase);
            Assert.True(times <= 1, $"{path} shows the error of {engine} {times} times");
        }
        Assert.DoesNotContain("sending the request", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("(primary) (primary)", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("(recovery) (recovery)", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Overview_TwoUnreachableEngines_EachCardSaysOnceWhatIsWrongAndWhatToCheck()
    {
        await BothEnginesTriedAsync();
        using var http = await console.ClientForAsync("viewer");

        var body = System.Net.WebUtility.HtmlDecode(await http.GetStringAsync("/"));

        foreach (var engine in new[] { "127.0.0.1:9", "127.0.0.1:10" })
        {
            var sentence = $"Engine {engine} is unreachable: connection refused; check that the engine is running and that the console can reach it (host and port in EngineUrl, firewall, proxy).";
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(body, System.Text.RegularExpressions.Regex.Escape(sentence)));
        }
    }

    [Fact]
    public async Task GenerateMapping_TwoUnreachableEngines_503NamesEachEngineOnceInWords()
    {
        await BothEnginesTriedAsync();
        using var http = await console.ClientForAsync("administrator");

        using var response = await http.PostAsync("/api/mapping/generate", null);

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;
        Assert.Contains("the primary engine could not be read (site 'primary': engine 127.0.0.1:9 is unreachable: connection refused", detail, StringComparison.Ordinal);
        foreach (var engine in new[] { "127.0.0.1:9", "127.0.0.1:10" })
        {
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(detail, System.Text.RegularExpressions.Regex.Escape(engine)));
        }
    }

    private Task BothEnginesTriedAsync() => WaitFor.ValueAsync(
        async () => await console.Factory.CreateApiClient().GetFromJsonAsync<JsonElement[]>("/api/sites") ?? [],
        s => s.Length == 2 && s.All(site => site.GetProperty("engine").GetProperty("lastAttempt").ValueKind != JsonValueKind.Null),
        "both engines tried");

    private static int Rank(string role) => role switch { "viewer" => 0, "operator" => 1, _ => 2 };

    /// <summary>One console for the class, configured as the README's "Real engines" section says, engines unreachable.</summary>
    public sealed class RunningConsole : IDisposable
    {
        private readonly Dictionary<string, string> _tokens = [];
        private readonly SemaphoreSlim _gate = new(1, 1);

        public RunningConsole()
        {
            Factory.Settings["RhvDr:Sites:0:EngineUrl"] = "https://127.0.0.1:9/ovirt-engine/api";
            Factory.Settings["RhvDr:Sites:0:Password"] = "x";
            Factory.Settings["RhvDr:Sites:1:EngineUrl"] = "https://127.0.0.1:10/ovirt-engine/api";
            Factory.Settings["RhvDr:Sites:1:Password"] = "y";
            Factory.Settings["RhvDr:EngineTimeout"] = "00:00:02";
        }

        public ConsoleAppFactory Factory { get; } = new();

        /// <summary>A client whose API token has <paramref name="role"/>, made once per role through the API.</summary>
        public async Task<HttpClient> ClientForAsync(string role)
        {
            await _gate.WaitAsync();
            try
            {
                if (!_tokens.TryGetValue(role, out var token))
                {
                    using var admin = Factory.CreateApiClient();
                    using var created = await admin.PostAsJsonAsync("/api/tokens", new { name = "pages-" + role, role });
                    created.EnsureSuccessStatusCode();
                    token = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
                    _tokens[role] = token;
                }
                var http = Factory.CreateApiClient(token);
                return http;
            }
            finally
            {
                _gate.Release();
            }
        }

        public void Dispose()
        {
            _gate.Dispose();
            Factory.Dispose();
        }
    }
}
