using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using RhvDr.Lab;

namespace RhvDr.Tests.Support;

/// <summary>
/// Reads an engine's own state over its REST API, as an administrator with the engine's CA would: what a test asserts
/// after a run, independently of the console's records.
/// </summary>
public sealed class EngineProbe : IDisposable
{
    private readonly HttpClient _http;
    private readonly LabSiteEndpoint _engine;
    private string? _token;

    public EngineProbe(LabSiteEndpoint engine, string caFile)
    {
        _engine = engine;
        _http = new HttpClient(ExternalLab.TrustingOnly(caFile)) { Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    /// <summary>Every VM's name and status.</summary>
    public async Task<IReadOnlyDictionary<string, string>> VmStatusesAsync()
    {
        var vms = await GetAsync("vms");
        return vms.TryGetProperty("vm", out var list)
            ? list.EnumerateArray().ToDictionary(v => v.GetProperty("name").GetString()!, v => v.GetProperty("status").GetString()!)
            : new Dictionary<string, string>();
    }

    /// <summary>Storage domains attached to data centers, by name, with their status in the data center.</summary>
    public async Task<IReadOnlyDictionary<string, string>> AttachedDomainStatusesAsync()
    {
        var result = new Dictionary<string, string>();
        var centers = await GetAsync("datacenters");
        foreach (var dc in centers.GetProperty("data_center").EnumerateArray())
        {
            var attached = await GetAsync($"datacenters/{dc.GetProperty("id").GetString()}/storagedomains");
            if (attached.TryGetProperty("storage_domain", out var domains))
            {
                foreach (var sd in domains.EnumerateArray())
                {
                    result[sd.GetProperty("name").GetString()!] = sd.GetProperty("status").GetString()!;
                }
            }
        }
        return result;
    }

    /// <summary>The engine's audit events, oldest first: (id, code, description).</summary>
    public async Task<IReadOnlyList<(long Id, int Code, string Description)>> EventsAsync()
    {
        var events = await GetAsync("events");
        return events.TryGetProperty("event", out var list)
            ? [.. list.EnumerateArray()
                .Select(e => (long.Parse(e.GetProperty("id").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
                    int.Parse(e.GetProperty("code").ToString(), System.Globalization.CultureInfo.InvariantCulture),
                    e.GetProperty("description").GetString() ?? string.Empty))
                .OrderBy(e => e.Item1)]
            : [];
    }

    private async Task<JsonElement> GetAsync(string path)
    {
        _token ??= await SignInAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_engine.EngineUrl.AbsoluteUri.TrimEnd('/') + "/" + path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        request.Headers.Add("Version", "4");
        using var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<string> SignInAsync()
    {
        var tokenUrl = new Uri(_engine.EngineUrl, "/ovirt-engine/sso/oauth/token");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["scope"] = "ovirt-app-api",
            ["username"] = _engine.Username,
            ["password"] = _engine.Password,
        });
        using var response = await _http.PostAsync(tokenUrl, form);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }

    public void Dispose() => _http.Dispose();
}
