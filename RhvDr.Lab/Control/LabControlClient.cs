using System.Net.Http.Json;
using System.Text.Json;

namespace RhvDr.Lab.Control;

/// <summary>
/// <see cref="ILabControl"/> over HTTP. <c>HttpClient.BaseAddress</c> is the lab's control URL (or any engine's root URL:
/// the control API is served there too). Failures surface as <see cref="HttpRequestException"/> carrying the lab's message.
/// </summary>
public sealed class LabControlClient(HttpClient http) : ILabControl
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<LabStatus> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync(Relative("lab/control"), cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync<LabStatus>(Json, cancellationToken).ConfigureAwait(false)
            ?? throw new HttpRequestException("The lab answered an empty status.");
    }

    public Task SetSiteDownAsync(string site, CancellationToken cancellationToken = default) =>
        PostAsync($"lab/control/sites/{Uri.EscapeDataString(site)}/down", null, cancellationToken);

    public Task SetSiteUpAsync(string site, CancellationToken cancellationToken = default) =>
        PostAsync($"lab/control/sites/{Uri.EscapeDataString(site)}/up", null, cancellationToken);

    public Task SetHostDownAsync(string site, string host, bool down, CancellationToken cancellationToken = default) =>
        PostAsync($"lab/control/sites/{Uri.EscapeDataString(site)}/hosts/{Uri.EscapeDataString(host)}/{(down ? "down" : "up")}", null, cancellationToken);

    public Task SetFaultsAsync(LabFaults faults, CancellationToken cancellationToken = default) =>
        PostAsync("lab/control/faults", faults, cancellationToken);

    private async Task PostAsync(string path, object? body, CancellationToken cancellationToken)
    {
        using var content = body is null ? null : JsonContent.Create(body, body.GetType(), options: Json);
        using var response = await http.PostAsync(Relative(path), content, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Resolves against the base address's root, so an engine URL (…/ovirt-engine/api) works as well as the control URL.</summary>
    private Uri Relative(string path)
    {
        var baseAddress = http.BaseAddress ?? throw new InvalidOperationException("LabControlClient needs HttpClient.BaseAddress set to the lab's control URL.");
        return new Uri(baseAddress, "/" + path);
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        throw new HttpRequestException($"Lab control call failed ({(int)response.StatusCode}): {text}", null, response.StatusCode);
    }
}
