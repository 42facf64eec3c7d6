using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using RhvDr.Tests.Integration;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.External;

/// <summary>
/// A console configured for real engines (the lab over HTTPS, trusted through its CA file) with a DR mapping saved through
/// the API, as an administrator sets up a new installation; and the calls a run needs.
/// </summary>
public sealed class ExternalConsole : IAsyncDisposable
{
    private readonly Dictionary<string, string?> _answered = [];

    private ExternalConsole(ExternalLab lab, ConsoleAppFactory factory)
    {
        Lab = lab;
        Factory = factory;
        Http = factory.CreateApiClient();
    }

    public ExternalLab Lab { get; }

    public ConsoleAppFactory Factory { get; }

    public HttpClient Http { get; }

    public static async Task<ExternalConsole> StartAsync(ExternalLab lab, string replication, IDictionary<string, string?>? settings = null)
    {
        var factory = new ConsoleAppFactory();
        foreach (var (key, value) in lab.ConsoleSettings(replication))
        {
            factory.Settings[key] = value;
        }
        factory.Settings["RhvDr:Recovery:SanlockWait"] = "00:00:00.200";
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            factory.Settings[key] = value;
        }
        var console = new ExternalConsole(lab, factory);
        await console.WaitForSitesAsync();
        await console.SaveGeneratedMappingAsync();
        return console;
    }

    public Task WaitForSitesAsync() =>
        WaitFor.ValueAsync(
            async () => await Http.GetFromJsonAsync<JsonElement[]>("/api/sites") ?? [],
            sites => sites.Length == 2 && sites.All(s => s.GetProperty("engine").GetProperty("reachable").GetBoolean()),
            "both https engines connected");

    /// <summary>
    /// Generates the mapping from the live estate, fills in where the recovery array presents each replica (which a console
    /// on real engines cannot know: the storage admin tells the administrator) and saves it; it must validate without errors.
    /// </summary>
    public Task SaveGeneratedMappingAsync() => SaveGeneratedMappingAsync(Http, Lab);

    /// <summary>The same through any client of a console on <paramref name="lab"/>'s engines.</summary>
    public static async Task SaveGeneratedMappingAsync(HttpClient http, ExternalLab lab)
    {
        using var generate = await http.PostAsync("/api/mapping/generate", null);
        Assert.Equal(HttpStatusCode.OK, generate.StatusCode);
        var mapping = (await generate.Content.ReadFromJsonAsync<JsonNode>())!["mapping"]!;
        var pairs = await lab.ControlHttp.GetFromJsonAsync<JsonElement>("lab/array/pairs");
        foreach (var domain in mapping["importStorages"]!.AsArray())
        {
            var name = domain!["primary"]!["name"]!.GetValue<string>();
            var atRecovery = pairs.EnumerateArray().Single(p => p.GetProperty("domainName").GetString() == name).GetProperty("endpoints").GetProperty("recovery");
            var secondary = domain["secondary"]!;
            secondary["address"] = atRecovery.GetProperty("address").GetString();
            if (atRecovery.TryGetProperty("path", out var path) && path.ValueKind == JsonValueKind.String)
            {
                secondary["path"] = path.GetString();
            }
            if (atRecovery.TryGetProperty("target", out var target) && target.ValueKind == JsonValueKind.String)
            {
                secondary["targets"] = new JsonArray(target.GetString());
            }
        }
        using var save = await http.PutAsync("/api/mapping?comment=generated", JsonContent.Create(mapping));
        var saved = await save.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(save.StatusCode == HttpStatusCode.OK, saved.ToString());
        Assert.False(saved.GetProperty("isDraft").GetBoolean(), saved.ToString());
    }

    public async Task<string> StartRunAsync(object request)
    {
        using var response = await Http.PostAsJsonAsync("/api/runs", request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }

    public async Task<JsonElement> GetRunAsync(string id) => await Http.GetFromJsonAsync<JsonElement>($"/api/runs/{id}");

    /// <summary>Waits until the run stops at a storage prompt other than the one answered last, and returns its instructions.</summary>
    public async Task<string> WaitForPromptAsync(string id)
    {
        var answered = _answered.GetValueOrDefault(id);
        var run = await WaitFor.ValueAsync(() => GetRunAsync(id),
            r => r.GetProperty("run").GetProperty("status").GetString() is "failed" or "succeeded" or "cancelled"
                || (r.GetProperty("run").GetProperty("status").GetString() == "waiting" && r.GetProperty("run").GetProperty("prompt").GetString() != answered),
            $"run {id} to stop at a storage prompt", TimeSpan.FromSeconds(60));
        Assert.True(run.GetProperty("run").GetProperty("status").GetString() == "waiting", $"run {id} ended instead of prompting: {run.GetProperty("run")}");
        return run.GetProperty("run").GetProperty("prompt").GetString()!;
    }

    public async Task ConfirmAsync(string id)
    {
        _answered[id] = (await GetRunAsync(id)).GetProperty("run").GetProperty("prompt").GetString();
        using var response = await Http.PostAsync($"/api/runs/{id}/confirm", null);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task<JsonElement> WaitForEndAsync(string id)
    {
        var run = await WaitFor.ValueAsync(() => GetRunAsync(id),
            r => r.GetProperty("run").GetProperty("status").GetString() is "succeeded" or "failed" or "cancelled"
                || (r.GetProperty("run").GetProperty("status").GetString() == "waiting" && r.GetProperty("run").GetProperty("prompt").GetString() != _answered.GetValueOrDefault(id)),
            $"run {id} to finish", TimeSpan.FromSeconds(90));
        return run;
    }

    public async Task<JsonElement> WaitForSuccessAsync(string id)
    {
        var run = await WaitForEndAsync(id);
        Assert.True(run.GetProperty("run").GetProperty("status").GetString() == "succeeded", $"run {id}: {run.GetProperty("run")}");
        return run;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Factory.DisposeAsync();
    }
}
