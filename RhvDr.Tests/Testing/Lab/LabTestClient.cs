using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RhvDr.Lab;

namespace RhvDr.Tests.Lab;

/// <summary>A minimal oVirt REST client for lab tests: logs in through SSO and speaks JSON (or XML when asked).</summary>
public sealed class LabTestClient : IDisposable
{
    private readonly HttpClient _http;

    private LabTestClient(HttpClient http, LabSiteEndpoint site)
    {
        _http = http;
        Site = site;
    }

    public LabSiteEndpoint Site { get; }

    public HttpClient Http => _http;

    public static async Task<LabTestClient> LoginAsync(LabServer lab, string site)
    {
        var endpoint = lab.Site(site);
        var http = new HttpClient { BaseAddress = new Uri(endpoint.EngineUrl + "/"), Timeout = TimeSpan.FromSeconds(10) };
        var token = await RequestTokenAsync(http, endpoint.Username, endpoint.Password);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        http.DefaultRequestHeaders.Add("Version", "4");
        return new LabTestClient(http, endpoint);
    }

    /// <summary>A client of the same engine with the same token that asks for XML, the API's default format (the SDK's and Ansible's).</summary>
    public HttpClient CreateXmlClient()
    {
        var xml = new HttpClient { BaseAddress = Http.BaseAddress, Timeout = Http.Timeout };
        xml.DefaultRequestHeaders.Authorization = Http.DefaultRequestHeaders.Authorization;
        xml.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/xml"));
        return xml;
    }

    public static async Task<JsonElement> RequestTokenAsync(HttpClient http, string user, string password)
    {
        using var response = await PostTokenAsync(http, user, password);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<HttpResponseMessage> PostTokenAsync(HttpClient http, string user, string password)
    {
        var tokenUrl = new Uri(http.BaseAddress!, "/ovirt-engine/sso/oauth/token");
        using var request = new HttpRequestMessage(HttpMethod.Post, tokenUrl)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "password",
                ["scope"] = "ovirt-app-api",
                ["username"] = user,
                ["password"] = password,
            }),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return await http.SendAsync(request);
    }

    public async Task<JsonElement> GetAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, body);
    }

    /// <summary>POSTs and asserts a 2xx answer.</summary>
    public async Task<JsonElement> PostAsync(string path, string json = "{}")
    {
        var (status, body) = await SendAsync(HttpMethod.Post, path, json);
        Assert.True((int)status is >= 200 and < 300, $"POST {path} answered {(int)status}: {body}");
        return body;
    }

    /// <summary>The items of a collection answer: <c>{"vm":[...]}</c>, or none for the engine's empty <c>{}</c>.</summary>
    public static IReadOnlyList<JsonElement> Items(JsonElement collection, string item) =>
        collection.ValueKind == JsonValueKind.Object && collection.TryGetProperty(item, out var array) ? [.. array.EnumerateArray()] : [];

    public async Task<IReadOnlyList<JsonElement>> ListAsync(string path, string item) => Items(await GetAsync(path), item);

    public async Task<JsonElement> FindByNameAsync(string collection, string item, string name)
    {
        var found = await ListAsync($"{collection}?search={Uri.EscapeDataString("name=" + name)}", item);
        return Assert.Single(found);
    }

    public void Dispose() => _http.Dispose();
}
