using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RhvDr.Lab.Control;
using RhvDr.Lab.Simulation;

namespace RhvDr.Lab.Api;

/// <summary>
/// The lab's own HTTP API (camelCase JSON): <c>/lab/control</c> to stage disasters and <c>/lab/array</c> for the storage array.
/// Readiness staging: <c>POST /lab/control/sites/{site}/vms</c> (a VM created now), <c>.../vms/{vm}/deleteprotect</c> or
/// <c>/unprotect</c>, and <c>POST /lab/control/array/pairs/{id}/lag</c> with <c>{"lagSeconds":n}</c>.
/// Served on the control port only, to callers that send the lab's control credential (<c>Authorization: Bearer TOKEN</c>);
/// every action that changes the lab is logged with the caller's address.
/// </summary>
public sealed partial class LabControlApi(LabSimulation simulation, IReadOnlyDictionary<string, TokenStore> tokenStores, string controlToken, ILogger<LabControlApi>? logger = null)
{
    /// <summary>How a caller presents the control credential.</summary>
    public const string Scheme = "Bearer";

    // Plain apostrophes in answers read by people over curl; this is a JSON API, never embedded in HTML.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly byte[] _token = Encoding.UTF8.GetBytes(controlToken);
    private readonly ILogger _logger = logger ?? NullLogger<LabControlApi>.Instance;

    /// <param name="path">The path starting at <c>/lab</c>.</param>
    public async Task HandleAsync(HttpContext context, string path, CancellationToken cancellationToken)
    {
        var s = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var post = HttpMethods.IsPost(context.Request.Method);
        var caller = CallerOf(context);
        if (Refusal(context) is { } refusal)
        {
            LogRefused(_logger, context.Request.Method, path, caller, refusal);
            context.Response.Headers.WWWAuthenticate = $"{Scheme} realm=\"rhvdr-lab\"";
            await WriteAsync(context, 401, new { error = refusal }, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (post)
        {
            LogAction(_logger, context.Request.Method, path, caller);
        }

        try
        {
            switch (s)
            {
                case ["lab", "control"] when !post:
                    await WriteAsync(context, 200, simulation.GetStatus(), cancellationToken).ConfigureAwait(false);
                    return;
                case ["lab", "control", "sites", var site, "down" or "up"] when post:
                    var down = s[4] == "down";
                    // Active/Active: ?fencing=available keeps the lost hosts' fencing devices reachable (default: lost with the site).
                    var fencingLost = !string.Equals(context.Request.Query["fencing"], "available", StringComparison.OrdinalIgnoreCase);
                    simulation.SetSiteDown(site, down, fencingLost);
                    if (!down && tokenStores.TryGetValue(site, out var store))
                    {
                        // The engine came back from a restart: the sessions it had are gone, clients must log in again.
                        store.RevokeAll();
                    }

                    await WriteAsync(context, 200, simulation.GetStatus(), cancellationToken).ConfigureAwait(false);
                    return;
                case ["lab", "control", "sites", var site, "hosts", var host, "down" or "up"] when post:
                    simulation.SetHostDown(site, host, s[6] == "down");
                    await WriteAsync(context, 200, simulation.GetStatus(), cancellationToken).ConfigureAwait(false);
                    return;
                case ["lab", "control", "sites", var site, "vms"] when post:
                    var request = await JsonSerializer.DeserializeAsync<AddVmRequest>(context.Request.Body, Json, cancellationToken).ConfigureAwait(false);
                    if (request is null || string.IsNullOrWhiteSpace(request.Name) || string.IsNullOrWhiteSpace(request.StorageDomain))
                    {
                        throw new EngineFaultException(400, "A body {\"name\":\"vm1\",\"storageDomain\":\"path2\"} is required.", "Bad Request");
                    }

                    var added = simulation.AddVm(site, request.Name, request.StorageDomain);
                    await WriteAsync(context, 201, new { id = added.Id, name = added.Name, createdAt = added.CreatedAt }, cancellationToken).ConfigureAwait(false);
                    return;
                case ["lab", "control", "sites", var site, "vms", var vm, "deleteprotect" or "unprotect"] when post:
                    simulation.SetVmDeleteProtected(site, vm, s[6] == "deleteprotect");
                    await WriteAsync(context, 200, new { vm, deleteProtected = s[6] == "deleteprotect" }, cancellationToken).ConfigureAwait(false);
                    return;
                case ["lab", "control", "array", "pairs", var id, "lag"] when post:
                    var lag = await JsonSerializer.DeserializeAsync<PairLagRequest>(context.Request.Body, Json, cancellationToken).ConfigureAwait(false)
                        ?? throw new EngineFaultException(400, "A body {\"lagSeconds\":1000} is required.", "Bad Request");
                    await WriteAsync(context, 200, simulation.SetPairLag(id, lag.LagSeconds), cancellationToken).ConfigureAwait(false);
                    return;
                case ["lab", "control", "faults"] when post:
                    var faults = await JsonSerializer.DeserializeAsync<LabFaults>(context.Request.Body, Json, cancellationToken).ConfigureAwait(false)
                        ?? throw new EngineFaultException(400, "A body {\"errorRate\":0.2,\"latencyMs\":50} is required.", "Bad Request");
                    if (faults.ErrorRate is < 0 or > 1 || faults.LatencyMs < 0)
                    {
                        throw new EngineFaultException(400, "errorRate must be between 0 and 1 and latencyMs not negative.", "Bad Request");
                    }

                    simulation.Faults = faults;
                    await WriteAsync(context, 200, simulation.GetStatus(), cancellationToken).ConfigureAwait(false);
                    return;
                case ["lab", "array", "pairs"] when !post:
                    await WriteAsync(context, 200, simulation.ListPairs(), cancellationToken).ConfigureAwait(false);
                    return;
                case ["lab", "array", "pairs", var id] when !post:
                    var pair = simulation.ListPairs().FirstOrDefault(p => p.Id == id || p.DomainId == id || p.DomainName == id)
                        ?? throw new EngineFaultException(404, $"Unknown replication pair '{id}'.", "Not Found");
                    await WriteAsync(context, 200, pair, cancellationToken).ConfigureAwait(false);
                    return;
                case ["lab", "array", "pairs", var id, var action] when post:
                    await WriteAsync(context, 200, simulation.ApplyPairAction(id, action), cancellationToken).ConfigureAwait(false);
                    return;
                default:
                    await WriteAsync(context, 404, new { error = $"No lab endpoint {context.Request.Method} {path}." }, cancellationToken).ConfigureAwait(false);
                    return;
            }
        }
        catch (EngineFaultException fault)
        {
            await WriteAsync(context, fault.StatusCode, new { error = fault.Detail }, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            await WriteAsync(context, 400, new { error = $"Invalid JSON body: {ex.Message}" }, cancellationToken).ConfigureAwait(false);
        }
    }

    // Null when the request carries the right credential; otherwise what is wrong with it, in words.
    private string? Refusal(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (string.IsNullOrWhiteSpace(header))
        {
            return "The lab's control API needs its credential: send the header 'Authorization: Bearer TOKEN' with the control token "
                + "the lab printed at start (or the one set in Lab:ControlToken).";
        }

        if (!header.StartsWith(Scheme + " ", StringComparison.OrdinalIgnoreCase))
        {
            return "The lab's control API takes its credential as 'Authorization: Bearer TOKEN'; this request sent another kind of authorization.";
        }

        var presented = Encoding.UTF8.GetBytes(header[(Scheme.Length + 1)..].Trim());
        return CryptographicOperations.FixedTimeEquals(presented, _token)
            ? null
            : "The lab's control token is wrong: use the one the lab printed at this start (it changes at every start unless Lab:ControlToken is set).";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Lab action {Method} {Path} by {Caller}")]
    private static partial void LogAction(ILogger logger, string method, string path, string caller);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lab control refused {Method} {Path} from {Caller}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string method, string path, string caller, string reason);

    private static string CallerOf(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address ? $"{address}:{context.Connection.RemotePort}" : "unknown";

    private static async Task WriteAsync<T>(HttpContext context, int status, T value, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, value, Json, cancellationToken).ConfigureAwait(false);
    }
}
