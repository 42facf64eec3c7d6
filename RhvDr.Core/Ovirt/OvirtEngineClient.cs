using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace RhvDr.Core.Ovirt;

/// <summary>
/// Talks to one engine's REST API v4 as JSON with an SSO bearer token. The same client serves real engines and the lab:
/// only the endpoint differs. A 401 fetches a new token once and repeats the call (tokens expire on the engine's schedule).
/// Anything else that goes wrong becomes an <see cref="EngineException"/> worded by <see cref="EngineFailures"/>;
/// <paramref name="timeout"/> (<c>RhvDr:EngineTimeout</c>) is named in timeout messages and bounds a body that stops coming.
/// </summary>
public sealed partial class OvirtEngineClient(
    HttpClient http,
    EngineEndpoint endpoint,
    OvirtTokenCache? tokens = null,
    ILogger<OvirtEngineClient>? logger = null,
    TimeSpan? timeout = null)
    : IEngineClient
{
    private static readonly MediaTypeWithQualityHeaderValue JsonMediaType = new("application/json");

    private readonly OvirtTokenCache _tokens = tokens ?? new OvirtTokenCache();
    private readonly ILogger _logger = logger ?? NullLogger<OvirtEngineClient>.Instance;

    public EngineEndpoint Endpoint { get; } = endpoint;

    public async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, ApiUri(path)), cancellationToken).ConfigureAwait(false);
        return await ReadAsync<T>(response, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<T>> GetListAsync<T>(string path, CancellationToken cancellationToken = default)
    {
        var collection = await GetAsync<OvirtCollection<T>>(path, cancellationToken).ConfigureAwait(false);
        if (!collection.IsListOf(path))
        {
            throw EngineFailures.NotACollection(Endpoint, $"GET {ApiUri(path).AbsolutePath}", collection.Key!, OvirtCollection<T>.Name(path));
        }
        return collection.Items;
    }

    public Task<IReadOnlyList<T>> SearchAsync<T>(string collectionPath, string query, CancellationToken cancellationToken = default) =>
        GetListAsync<T>(WithQuery(collectionPath, "search", query), cancellationToken);

    public async Task<OvirtActionResult> PostActionAsync(string path, object body, string? correlationId, CancellationToken cancellationToken = default)
    {
        var result = await PostAsync<OvirtActionResult>(path, body, correlationId, cancellationToken).ConfigureAwait(false);
        if (string.Equals(result.Status, "failed", StringComparison.OrdinalIgnoreCase))
        {
            throw new OvirtFaultException(result.Fault?.Reason ?? "Action failed", result.Fault?.Detail ?? $"POST {path} failed", HttpStatusCode.OK, Endpoint.DisplayName);
        }
        return result;
    }

    public async Task<T> PostAsync<T>(string path, object body, string? correlationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        var uri = ApiUri(WithCorrelationId(path, correlationId));
        using var response = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Post, uri) { Content = JsonContent.Create(body, body.GetType(), options: OvirtJson.Options) },
            cancellationToken).ConfigureAwait(false);
        return await ReadAsync<T>(response, cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteAsync(string path, string? correlationId, CancellationToken cancellationToken = default)
    {
        var uri = ApiUri(WithCorrelationId(path, correlationId));
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Delete, uri), cancellationToken).ConfigureAwait(false);
    }

    public Task<OvirtApiRoot> GetApiAsync(CancellationToken cancellationToken = default) => GetAsync<OvirtApiRoot>("", cancellationToken);

    public Task<IReadOnlyList<OvirtDataCenter>> GetDataCentersAsync(CancellationToken cancellationToken = default) =>
        GetListAsync<OvirtDataCenter>("datacenters", cancellationToken);

    public Task<IReadOnlyList<OvirtCluster>> GetClustersAsync(CancellationToken cancellationToken = default) =>
        GetListAsync<OvirtCluster>("clusters", cancellationToken);

    public Task<IReadOnlyList<OvirtHost>> GetHostsAsync(CancellationToken cancellationToken = default) =>
        GetListAsync<OvirtHost>("hosts", cancellationToken);

    public Task<IReadOnlyList<OvirtStorageDomain>> GetStorageDomainsAsync(CancellationToken cancellationToken = default) =>
        GetListAsync<OvirtStorageDomain>("storagedomains", cancellationToken);

    public Task<IReadOnlyList<OvirtStorageDomain>> GetAttachedStorageDomainsAsync(string dataCenterId, CancellationToken cancellationToken = default) =>
        GetListAsync<OvirtStorageDomain>($"datacenters/{Uri.EscapeDataString(dataCenterId)}/storagedomains", cancellationToken);

    public Task<IReadOnlyList<OvirtVm>> GetVmsAsync(bool includeDisks = false, CancellationToken cancellationToken = default) =>
        GetListAsync<OvirtVm>(includeDisks ? "vms?follow=disk_attachments.disk" : "vms", cancellationToken);

    public Task<IReadOnlyList<OvirtDisk>> GetDisksAsync(CancellationToken cancellationToken = default) =>
        GetListAsync<OvirtDisk>("disks", cancellationToken);

    public Task<IReadOnlyList<OvirtDiskAttachment>> GetDiskAttachmentsAsync(string vmId, CancellationToken cancellationToken = default) =>
        GetListAsync<OvirtDiskAttachment>($"vms/{Uri.EscapeDataString(vmId)}/diskattachments?follow=disk", cancellationToken);

    public Task<IReadOnlyList<OvirtTemplate>> GetTemplatesAsync(CancellationToken cancellationToken = default) =>
        GetListAsync<OvirtTemplate>("templates", cancellationToken);

    public Task<IReadOnlyList<OvirtTemplate>> GetTemplatesWithDisksAsync(CancellationToken cancellationToken = default) =>
        GetListAsync<OvirtTemplate>("templates?follow=disk_attachments.disk", cancellationToken);

    public Task<IReadOnlyList<OvirtVm>> GetVmsWithDisksAndNicsAsync(CancellationToken cancellationToken = default) =>
        GetListAsync<OvirtVm>("vms?follow=disk_attachments.disk,nics", cancellationToken);

    public Task<IReadOnlyList<OvirtAffinityGroup>> GetAffinityGroupsAsync(string clusterId, CancellationToken cancellationToken = default) =>
        GetListAsync<OvirtAffinityGroup>($"clusters/{Uri.EscapeDataString(clusterId)}/affinitygroups", cancellationToken);

    public Task<IReadOnlyList<OvirtAffinityLabel>> GetAffinityLabelsAsync(CancellationToken cancellationToken = default) =>
        GetListAsync<OvirtAffinityLabel>("affinitylabels?follow=hosts", cancellationToken);

    public Task<IReadOnlyList<OvirtNetwork>> GetNetworksAsync(CancellationToken cancellationToken = default) =>
        GetListAsync<OvirtNetwork>("networks", cancellationToken);

    public Task<IReadOnlyList<OvirtVnicProfile>> GetVnicProfilesAsync(CancellationToken cancellationToken = default) =>
        GetListAsync<OvirtVnicProfile>("vnicprofiles", cancellationToken);

    public Task<IReadOnlyList<OvirtEvent>> GetEventsAsync(long? afterId, CancellationToken cancellationToken = default) =>
        GetListAsync<OvirtEvent>(
            afterId is { } id ? $"events?from={id.ToString(CultureInfo.InvariantCulture)}" : "events?max=1",
            cancellationToken);

    public Task<IReadOnlyList<OvirtJob>> GetJobsAsync(string correlationId, CancellationToken cancellationToken = default) =>
        SearchAsync<OvirtJob>("jobs", $"correlation_id={correlationId}", cancellationToken);

    public Task<OvirtVm?> FindVmAsync(string vmId, bool includeDisks = false, CancellationToken cancellationToken = default) =>
        FindAsync<OvirtVm>($"vms/{Uri.EscapeDataString(vmId)}{(includeDisks ? "?follow=disk_attachments.disk" : "")}", cancellationToken);

    public Task<OvirtHost?> FindHostAsync(string hostId, CancellationToken cancellationToken = default) =>
        FindAsync<OvirtHost>($"hosts/{Uri.EscapeDataString(hostId)}", cancellationToken);

    public Task<OvirtTemplate?> FindTemplateAsync(string templateId, CancellationToken cancellationToken = default) =>
        FindAsync<OvirtTemplate>($"templates/{Uri.EscapeDataString(templateId)}", cancellationToken);

    public async Task<IReadOnlyList<OvirtAffinityLabel>> GetVmAffinityLabelsAsync(string vmId, CancellationToken cancellationToken = default)
    {
        try
        {
            return await GetListAsync<OvirtAffinityLabel>($"vms/{Uri.EscapeDataString(vmId)}/affinitylabels", cancellationToken).ConfigureAwait(false);
        }
        catch (OvirtFaultException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return [];
        }
    }

    // A single object that may have been removed since the caller learned its id: 404 is an answer, not an error.
    private async Task<T?> FindAsync<T>(string path, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await GetAsync<T>(path, cancellationToken).ConfigureAwait(false);
        }
        catch (OvirtFaultException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> createRequest, CancellationToken cancellationToken)
    {
        var token = await _tokens.GetAsync(FetchTokenAsync, null, cancellationToken).ConfigureAwait(false);
        var response = await SendWithTokenAsync(createRequest, token, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            // The token expired or the engine restarted: log in again once, then give up.
            response.Dispose();
            LogTokenRejected(_logger, Endpoint.DisplayName);
            token = await _tokens.GetAsync(FetchTokenAsync, token, cancellationToken).ConfigureAwait(false);
            response = await SendWithTokenAsync(createRequest, token, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                response.Dispose();
                throw EngineFailures.TokenRefused(Endpoint);
            }
        }
        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                var answer = await ReadStartAsync(response, cancellationToken).ConfigureAwait(false);
                throw EngineFailures.FromStatus(Endpoint, Describe(response), answer);
            }
        }
        return response;
    }

    private Task<HttpResponseMessage> SendWithTokenAsync(Func<HttpRequestMessage> createRequest, string token, CancellationToken cancellationToken)
    {
        var request = createRequest();
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("Version", "4");
        return SendRawAsync(request, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            request.Headers.Accept.Add(JsonMediaType);
            LogRequest(_logger, request.Method, request.RequestUri!.AbsolutePath, Endpoint.DisplayName);
            try
            {
                return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (EngineFailures.FromTransport(Endpoint, ex, timeout, cancellationToken) is { } failure)
            {
#pragma warning disable MA0027 // failure is a new EngineException that wraps the caught one, not the caught one again.
                throw failure;
#pragma warning restore MA0027
            }
        }
    }

    private async Task<(string Token, DateTimeOffset? ExpiresAt)> FetchTokenAsync(CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Endpoint.TokenUrl)
        {
            Content = new FormUrlEncodedContent(
            [
                new("grant_type", "password"),
                new("scope", "ovirt-app-api"),
                new("username", Endpoint.Username),
                new("password", Endpoint.Password),
            ]),
        };
        using var response = await SendRawAsync(request, cancellationToken).ConfigureAwait(false);
        var answer = await ReadStartAsync(response, cancellationToken).ConfigureAwait(false);
        OvirtSsoTokenResponse? body = null;
        if (answer.MayBeJson && answer.Start.TrimStart().StartsWith('{'))
        {
            try
            {
                body = JsonSerializer.Deserialize<OvirtSsoTokenResponse>(answer.Start, OvirtJson.Options);
            }
            catch (JsonException)
            {
                // Not a sign-in answer; the words below say what it was.
            }
        }

        if (response.IsSuccessStatusCode && !string.IsNullOrEmpty(body?.AccessToken))
        {
            LogTokenIssued(_logger, Endpoint.DisplayName, Endpoint.Username);
            return (body.AccessToken, ParseExpiry(body.Exp));
        }
        throw EngineFailures.FromSignIn(Endpoint, answer, body);
    }

    private async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        EngineAnswerStream? body = null;
        try
        {
            body = new EngineAnswerStream(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), timeout, cancellationToken);
            if (!EngineAnswer.MayBeJsonMediaType(response.Content.Headers.ContentType?.MediaType))
            {
                await body.ReadStartAsync(cancellationToken).ConfigureAwait(false);
                throw EngineFailures.FromBody(Endpoint, Describe(response), body.Facts(response), null);
            }
            using var answer = await EngineAnswerBuffer.ReadAsync(body, response.Content.Headers.ContentLength, cancellationToken).ConfigureAwait(false);
            return JsonSerializer.Deserialize<T>(answer.Json, OvirtJson.Options)
                ?? throw EngineFailures.FromBody(Endpoint, Describe(response), body.Facts(response), null);
        }
        catch (JsonException ex) when (body is not null)
        {
            throw EngineFailures.FromBody(Endpoint, Describe(response), body.Facts(response), ex);
        }
        catch (Exception ex) when (EngineFailures.FromTransport(Endpoint, ex, timeout, cancellationToken) is { } failure)
        {
#pragma warning disable MA0027 // failure is a new EngineException that wraps the caught one, not the caught one again.
            throw failure;
#pragma warning restore MA0027
        }
        finally
        {
            if (body is not null)
            {
                await body.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>The status line, content type and first kilobytes of an answer that is not going to be parsed whole.</summary>
    private async Task<EngineAnswer> ReadStartAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        EngineAnswerStream? body = null;
        try
        {
            body = new EngineAnswerStream(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), timeout, cancellationToken);
            await body.ReadStartAsync(cancellationToken).ConfigureAwait(false);
            return body.Facts(response);
        }
        catch (Exception ex) when (EngineFailures.FromTransport(Endpoint, ex, timeout, cancellationToken) is { } failure)
        {
#pragma warning disable MA0027 // failure is a new EngineException that wraps the caught one, not the caught one again.
            throw failure;
#pragma warning restore MA0027
        }
        finally
        {
            if (body is not null)
            {
                await body.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static string Describe(HttpResponseMessage response) =>
        response.RequestMessage is { RequestUri: { } uri } request ? $"{request.Method} {uri.AbsolutePath}" : "a request";

    private Uri ApiUri(string path) => new(Endpoint.ApiUrl.AbsoluteUri.TrimEnd('/') + "/" + path.TrimStart('/'));

    private static string WithQuery(string path, string name, string value) =>
        $"{path}{(path.Contains('?', StringComparison.Ordinal) ? '&' : '?')}{name}={Uri.EscapeDataString(value)}";

    private static string WithCorrelationId(string path, string? correlationId) =>
        string.IsNullOrEmpty(correlationId) ? path : WithQuery(path, "correlation_id", correlationId);

    // oVirt writes exp as epoch milliseconds in a string; accept seconds too.
    private static DateTimeOffset? ParseExpiry(string? exp)
    {
        if (!long.TryParse(exp, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value <= 0)
        {
            return null;
        }
        return value > 100_000_000_000 ? DateTimeOffset.FromUnixTimeMilliseconds(value) : DateTimeOffset.FromUnixTimeSeconds(value);
    }

    [LoggerMessage(Level = LogLevel.Trace, Message = "{Method} {Path} at {Engine}")]
    private static partial void LogRequest(ILogger logger, HttpMethod method, string path, string engine);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Engine {Engine} issued an SSO token for {User}")]
    private static partial void LogTokenIssued(ILogger logger, string engine, string user);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Engine {Engine} rejected the token (401); logging in again")]
    private static partial void LogTokenRejected(ILogger logger, string engine);
}
