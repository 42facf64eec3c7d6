using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Runtime;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using RhvDr.Core.Mapping;
using RhvDr.Tests.Integration;
using RhvDr.Tests.Support;
using Xunit.Abstractions;

namespace RhvDr.Tests.Fuzz;

/// <summary>
/// The fuzz tier: generated input, as a careless script or a hostile user would send it, against the console over real
/// HTTP. Whatever arrives, the console never answers 5xx, never changes the active mapping except for a valid request
/// (and never drops a protected storage domain without an explicit confirmation), starts no run from an invalid request,
/// and keeps its memory bounded. The generator is seeded: a failure names the seed and the case, and
/// <c>RHVDR_FUZZ_SEED=N ./test.sh --filter FullyQualifiedName~Fuzz</c> replays it.
/// </summary>
[Collection(MappingMemoryCollection.Name)]
public sealed class ApiFuzzTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int MappingCases = 120;
    private const int RunCases = 150;

    /// <summary>How much the live small-object heap may grow over all the cases (what a leak of parsed input would break).</summary>
    private const long SmallObjectGrowthBound = 32L * 1024 * 1024;

    private static readonly string[] Scalars =
    [
        "", "~", "null", "-1", "0", "65536", "99999999999999999999", "3260.5", "yes-please", "7", "true", "[]", "{}",
        "&anchor value", "*anchor", "!!binary AAAA", "\"\\u0000\"", "'=cmd|'' /C calc''!A0'", "../../etc/passwd",
        "<script>alert(1)</script>", "\"unterminated", "[1, [2, [3", "primary", "PRIMARY", "secondary_master_storage",
    ];

    private static readonly string[] RunFields = ["kind", "mode", "source", "target", "confirmSite", "overrideReason", "reason", "kinds", "Kind"];

    private static readonly string[] RunValues =
    [
        "3", "0", "-1", "failover,cleanup", "FAILOVER ", "cleanup\u0000", "../../etc", "disaster", "PRIMARY", "Primary ",
        "evacuate;rm -rf /", "", " ", "nosuchsite", "failback\n", "planned|disaster",
    ];

    private static readonly Regex WrongTypes = new(@"^(\s*(?:- )?dr_\w*?(port|wipe_after_delete|backup)\w*: ).*$", RegexOptions.Multiline);

    private readonly ConsoleAppFactory _console = new();
    private readonly int _seed = int.TryParse(Environment.GetEnvironmentVariable("RHVDR_FUZZ_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed) ? seed : 20261205;
    private HttpClient _http = null!;

    public Task InitializeAsync()
    {
        _console.Settings["Lab:VmsPerSite"] = "30";
        _console.Settings["Lab:HostsPerSite"] = "2";
        _http = _console.CreateApiClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _console.DisposeAsync();
    }

    [Fact]
    public async Task MappingPut_GeneratedYamlAndJson_NoServerErrorAndNoSilentLossOfProtection()
    {
        // Arrange
        var random = new Random(_seed);
        var active = await ActiveAsync();
        using var export = await _http.GetAsync("/api/mapping/export");
        var baseYaml = await export.Content.ReadAsStringAsync();
        Assert.True(export.IsSuccessStatusCode, baseYaml);
        var cases = Enumerable.Range(0, MappingCases).Select(i => Generate(i, random, baseYaml)).ToList();
        await PutAsync(cases[0].Body, cases[0].ContentType); // the first parse warms the readers up before the heap is measured
        var heapBefore = LiveSmallObjectHeap();

        // Act and assert, case by case: each must leave the mapping as the rules say
        var saved = 0;
        foreach (var (index, (what, body, contentType)) in cases.Index())
        {
            var (status, text) = await PutAsync(body, contentType);
            var label = $"seed {_seed}, case {index} ({what}), {contentType}, {body.Length} chars: {Preview(body)}";
            Assert.True(status < 500, $"{label}\nanswered {status}: {Preview(text)}");
            if (index < 3)
            {
                Assert.True(status == 400, $"{label}\nanswered {status}, not 400: {Preview(text)}");
            }

            var after = await ActiveAsync();
            if (index == 3)
            {
                Assert.True(after.Version == active.Version && (text.Contains("wrong-type", StringComparison.Ordinal) || text.Contains("not-a-port", StringComparison.Ordinal)),
                    $"{label}\nthe wrong-typed values were not reported: {Preview(text)}");
            }

            if (after.Version != active.Version)
            {
                Assert.True(status is >= 200 and < 300, $"{label}\nanswered {status} but the active mapping moved from v{active.Version} to v{after.Version}");
                Assert.Empty(active.Storage.Except(after.Storage).Select(name => $"{label}\nthe active mapping lost '{name}' without ?confirmRemoval"));
                saved++;
                active = after;
            }
        }

        // Assert: memory
        var growth = LiveSmallObjectHeap() - heapBefore;
        output.WriteLine($"seed {_seed}: {MappingCases} uploads, {saved} saved as a new active version, small-object heap grew {growth / 1024 / 1024.0:F1} MiB");
        Assert.True(growth < SmallObjectGrowthBound, $"seed {_seed}: the live small-object heap grew {growth / 1024 / 1024} MiB over {MappingCases} uploads");
    }

    [Fact]
    public async Task RunRequests_GeneratedInvalid_NoServerErrorAndNoRunStarted()
    {
        // Arrange
        var random = new Random(_seed);
        var runsBefore = (await _http.GetFromJsonAsync<JsonElement>("/api/runs")).GetArrayLength();

        // Act and assert
        for (var i = 0; i < RunCases; i++)
        {
            var body = InvalidRunBody(random);
            using var response = await _http.PostAsync("/api/runs", new StringContent(body, Encoding.UTF8, "application/json"));
            var text = await response.Content.ReadAsStringAsync();
            var label = $"seed {_seed}, case {i}: POST /api/runs {Preview(body)}";
            Assert.True((int)response.StatusCode < 500, $"{label}\nanswered {(int)response.StatusCode}: {Preview(text)}");
            Assert.False(response.IsSuccessStatusCode, $"{label}\nstarted a run from an invalid request: {Preview(text)}");
        }

        // Assert
        Assert.Equal(runsBefore, (await _http.GetFromJsonAsync<JsonElement>("/api/runs")).GetArrayLength());
    }

    [Fact]
    public async Task AdministrationRequests_GeneratedBodies_NoServerError()
    {
        // Arrange
        var random = new Random(_seed);
        string[] routes = ["POST /api/tokens", "POST /api/users", "PUT /api/users/admin", "PUT /api/users/nosuch", "PUT /api/credentials/primary", "POST /api/runs/nosuch/approve"];

        // Act and assert
        for (var i = 0; i < 120; i++)
        {
            var route = routes[random.Next(routes.Length)].Split(' ');
            var body = random.Next(4) == 0 ? Garbage(random) : RandomJson(random, 3);
            using var request = new HttpRequestMessage(new HttpMethod(route[0]), route[1]) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            using var response = await _http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True((int)response.StatusCode < 500, $"seed {_seed}, case {i}: {route[0]} {route[1]} {Preview(body)}\nanswered {(int)response.StatusCode}: {Preview(text)}");
        }

        // Assert: the administrator can still sign in with the bootstrap token, whatever was sent to PUT /api/users/admin
        using var me = await _http.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    /// <summary>
    /// One mapping body: first the inputs that once saved an empty active mapping or dropped a value silently, then a mutant of
    /// the exported mapping, random YAML, random JSON, deep nesting, garbage or an alias bomb.
    /// </summary>
    private static (string What, string Body, string ContentType) Generate(int index, Random random, string baseYaml) => index switch
    {
        0 => ("empty body", "", "application/yaml"),
        1 => ("not a mapping", "hello: world\n", "application/yaml"),
        2 => ("unknown JSON field", "{\"x\":1}", "application/json"),
        3 => ("wrong-typed values", WrongTypes.Replace(baseYaml, m => m.Groups[1].Value + (m.Groups[2].Value == "port" ? "not-a-port" : "yes-please")), "application/yaml"),
        _ => Generated(random, baseYaml, index),
    };

    private static (string What, string Body, string ContentType) Generated(Random random, string baseYaml, int index) => (index % 10) switch
    {
        < 5 => ("mutated export", Mutate(baseYaml, random), "application/yaml"),
        5 => ("random YAML", RandomYaml(random, 0), "application/yaml"),
        6 => ("random JSON", RandomJson(random, 4), "application/json"),
        7 => ("deep nesting", new string('[', 40 + random.Next(200)) + "1", random.Next(2) == 0 ? "application/yaml" : "application/json"),
        8 => ("garbage", Garbage(random), random.Next(2) == 0 ? "application/yaml" : "application/json"),
        _ => ("alias expansion", AliasBomb(random), "application/yaml"),
    };

    /// <summary>A few edits to a valid mapping: lines dropped, doubled, re-indented or cut off; values swapped for odd scalars.</summary>
    private static string Mutate(string yaml, Random random)
    {
        var lines = yaml.Split('\n').ToList();
        var edits = 1 + random.Next(4);
        for (var e = 0; e < edits && lines.Count > 1; e++)
        {
            var at = random.Next(lines.Count);
            switch (random.Next(6))
            {
                case 0:
                    lines.RemoveAt(at);
                    break;
                case 1:
                    lines.Insert(at, lines[at]);
                    break;
                case 2:
                    lines[at] = new string(' ', random.Next(7)) + lines[at].TrimStart();
                    break;
                case 3:
                    lines.RemoveRange(at, lines.Count - at);
                    break;
                default:
                    var colon = lines[at].IndexOf(':', StringComparison.Ordinal);
                    if (colon > 0)
                    {
                        lines[at] = lines[at][..(colon + 1)] + " " + Scalars[random.Next(Scalars.Length)];
                    }

                    break;
            }
        }

        return string.Join('\n', lines);
    }

    private static string RandomYaml(Random random, int depth)
    {
        var builder = new StringBuilder();
        var keys = 1 + random.Next(5);
        string[] names = ["dr_import_storages", "dr_cluster_mappings", "dr_sites_primary_url", "hello", "dr_primary_name", "x"];
        for (var k = 0; k < keys; k++)
        {
            var indent = new string(' ', depth * 2);
            var name = names[random.Next(names.Length)];
            if (depth < 3 && random.Next(3) == 0)
            {
                builder.Append(indent).Append(name).Append(":\n").Append(indent).Append("- ").Append(RandomYaml(random, depth + 1).TrimStart());
            }
            else
            {
                builder.Append(indent).Append(name).Append(": ").Append(Scalars[random.Next(Scalars.Length)]).Append('\n');
            }
        }

        return builder.ToString();
    }

    private static string RandomJson(Random random, int depth)
    {
        if (depth == 0 || random.Next(3) == 0)
        {
            return random.Next(6) switch
            {
                0 => JsonSerializer.Serialize(Scalars[random.Next(Scalars.Length)]),
                1 => random.Next(-5, 70000).ToString(CultureInfo.InvariantCulture),
                2 => random.Next(2) == 0 ? "true" : "false",
                3 => "null",
                4 => "1e400",
                _ => JsonSerializer.Serialize(new string('x', random.Next(2000))),
            };
        }

        string[] names = ["importStorages", "clusters", "primary", "secondary", "name", "port", "role", "kind", "x", "username", "password"];
        return random.Next(3) == 0
            ? "[" + string.Join(',', Enumerable.Range(0, random.Next(4)).Select(_ => RandomJson(random, depth - 1))) + "]"
            : "{" + string.Join(',', Enumerable.Range(0, random.Next(5)).Select(_ => $"\"{names[random.Next(names.Length)]}\":{RandomJson(random, depth - 1)}")) + "}";
    }

    private static string Garbage(Random random)
    {
        var bytes = new byte[random.Next(1, 3000)];
        random.NextBytes(bytes);
        return Encoding.UTF8.GetString(bytes);
    }

    private static string AliasBomb(Random random)
    {
        var levels = 3 + random.Next(6);
        var builder = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var l = 1; l < levels; l++)
        {
            builder.Append(CultureInfo.InvariantCulture, $"a{l}: &a{l} [");
            builder.Append(string.Join(", ", Enumerable.Repeat($"*a{l - 1}", 10)));
            builder.Append("]\n");
        }

        return builder.Append("dr_import_storages: *a").Append(levels - 1).Append('\n').ToString();
    }

    /// <summary>A run request with at least one field no run accepts, in one of many shapes.</summary>
    private static string InvalidRunBody(Random random)
    {
        var fields = new Dictionary<string, object?>();
        for (var f = random.Next(1, 5); f > 0; f--)
        {
            var name = RunFields[random.Next(RunFields.Length)];
            fields[name] = random.Next(5) switch
            {
                0 => random.Next(-3, 9),
                1 => null,
                2 => new[] { "failover" },
                _ => RunValues[random.Next(RunValues.Length)],
            };
        }

        // Whatever else was drawn, one field no run accepts: a kind by number or unknown name, or a site no one configured.
        switch (random.Next(3))
        {
            case 0:
                fields["kind"] = RunValues[random.Next(4)];
                break;
            case 1:
                fields["kind"] = "cleanup";
                fields["source"] = "../../etc";
                break;
            default:
                fields["kind"] = "failover";
                fields["mode"] = "disaster";
                fields["confirmSite"] = "PRIMARY";
                break;
        }

        return random.Next(10) == 0 ? JsonSerializer.Serialize(fields)[..^1] : JsonSerializer.Serialize(fields);
    }

    private async Task<(int Status, string Text)> PutAsync(string body, string contentType)
    {
        using var response = await _http.PutAsync("/api/mapping", new StringContent(body, Encoding.UTF8, contentType));
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The version runs would use (drafts never are), read from the console's own store.</summary>
    private async Task<(int Version, HashSet<string> Storage)> ActiveAsync()
    {
        // The console seeds its first mapping from the lab in the background after it starts.
        var store = _console.Services.GetRequiredService<IMappingStore>();
        var active = await WaitFor.ValueAsync(() => store.GetActiveAsync(), a => a is not null, "the seeded active mapping");
        Assert.NotNull(active);
        return (active.Info.Version, active.Mapping.ImportStorages.Select(s => s.Primary.Name ?? string.Empty).ToHashSet(StringComparer.Ordinal));
    }

    private static long LiveSmallObjectHeap()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        return info.GenerationInfo[0].SizeAfterBytes + info.GenerationInfo[1].SizeAfterBytes + info.GenerationInfo[2].SizeAfterBytes;
    }

    private static string Preview(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
