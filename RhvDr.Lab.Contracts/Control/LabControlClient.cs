using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using RhvDr.Lab.Array;

namespace RhvDr.Lab.Control;

/// <summary>
/// <see cref="ILabControl"/> and <see cref="ILabArray"/> over HTTP. <c>HttpClient.BaseAddress</c> is the lab's control URL;
/// every call carries <paramref name="controlToken"/> (the lab's <c>ControlToken</c>). Failures surface as
/// <see cref="HttpRequestException"/> carrying the lab's message and status code.
/// </summary>
public sealed class LabControlClient(HttpClient http, string controlToken) : ILabControl, ILabArray
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task<LabStatus> GetStatusAsync(CancellationToken cancellationToken = default) =>
        SendAsync<LabStatus>(HttpMethod.Get, "lab/control", null, cancellationToken);

    public Task SetSiteDownAsync(string site, CancellationToken cancellationToken = default) =>
        PostAsync($"lab/control/sites/{Uri.EscapeDataString(site)}/down", null, cancellationToken);

    public Task SetSiteUpAsync(string site, CancellationToken cancellationToken = default) =>
        PostAsync($"lab/control/sites/{Uri.EscapeDataString(site)}/up", null, cancellationToken);

    public Task SetHostDownAsync(string site, string host, bool down, CancellationToken cancellationToken = default) =>
        PostAsync($"lab/control/sites/{Uri.EscapeDataString(site)}/hosts/{Uri.EscapeDataString(host)}/{(down ? "down" : "up")}", null, cancellationToken);

    public Task SetFaultsAsync(LabFaults faults, CancellationToken cancellationToken = default) =>
        PostAsync("lab/control/faults", faults, cancellationToken);

    public async Task<IReadOnlyList<LabReplicationPair>> GetPairsAsync(CancellationToken cancellationToken = default) =>
        await SendAsync<List<LabReplicationPair>>(HttpMethod.Get, "lab/array/pairs", null, cancellationToken).ConfigureAwait(false);

    public Task<LabReplicationPair> ApplyPairActionAsync(string pair, string action, CancellationToken cancellationToken = default) =>
        SendAsync<LabReplicationPair>(HttpMethod.Post, $"lab/array/pairs/{Uri.EscapeDataString(pair)}/{Uri.EscapeDataString(action)}", null, cancellationToken);

    private async Task PostAsync(string path, object? body, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(HttpMethod.Post, path, body, cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(method, path, body, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken).ConfigureAwait(false)
            ?? throw new HttpRequestException($"The lab answered {method} /{path} with an empty body.");
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        var baseAddress = http.BaseAddress ?? throw new InvalidOperationException("LabControlClient needs HttpClient.BaseAddress set to the lab's control URL.");
        using var request = new HttpRequestMessage(method, new Uri(baseAddress, "/" + path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", controlToken);
        request.Content = body is null ? null : JsonContent.Create(body, body.GetType(), options: Json);
        var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new HttpRequestException($"Lab control call failed ({(int)response.StatusCode}): {ErrorOf(text)}", null, response.StatusCode);
        }
    }

    // The lab answers {"error":"..."}; the words are what a person needs, not the JSON around them.
    private static string ErrorOf(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String)
            {
                return error.GetString() ?? text;
            }
        }
        catch (JsonException)
        {
        }

        return text;
    }
}
