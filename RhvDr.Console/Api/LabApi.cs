using RhvDr.Console.Security;
using RhvDr.Core.Audit;
using RhvDr.Lab.Array;
using RhvDr.Lab.Control;

namespace RhvDr.Console.Api;

/// <summary>
/// <c>/api/lab</c>: what the Lab page does, for scripts: the lab's state, a site or host down and up, fault injection, and
/// the storage array's replication pairs and their actions. Operator role; every action is audited as the page's are.
/// Without a lab every route answers 404.
/// </summary>
public static class LabApi
{
    public static IEndpointRouteBuilder MapLabApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/lab").WithTags("Lab").RequireAuthorization(AuthorizationPolicies.Operator);

        group.MapGet("/", (HttpContext http, CancellationToken ct) =>
            ReadAsync(http, async (control, _) => TypedResults.Ok(await control.GetStatusAsync(ct))));

        group.MapPost("/sites/{site}/down", (string site, HttpContext http, CancellationToken ct) =>
            ActAsync(http, $"Site {site} is down.", $"Could not take site {site} down", async (control, _) =>
            {
                await control.SetSiteDownAsync(site, ct);
                return await control.GetStatusAsync(ct);
            }, ct));

        group.MapPost("/sites/{site}/up", (string site, HttpContext http, CancellationToken ct) =>
            ActAsync(http, $"Site {site} is coming back up.", $"Could not bring site {site} up", async (control, _) =>
            {
                await control.SetSiteUpAsync(site, ct);
                return await control.GetStatusAsync(ct);
            }, ct));

        group.MapPost("/sites/{site}/hosts/{host}/down", (string site, string host, HttpContext http, CancellationToken ct) =>
            ActAsync(http, $"Host {host} at {site} stopped answering.", $"Could not fail host {host} at {site}", async (control, _) =>
            {
                await control.SetHostDownAsync(site, host, true, ct);
                return await control.GetStatusAsync(ct);
            }, ct));

        group.MapPost("/sites/{site}/hosts/{host}/up", (string site, string host, HttpContext http, CancellationToken ct) =>
            ActAsync(http, $"Host {host} at {site} is recovering.", $"Could not recover host {host} at {site}", async (control, _) =>
            {
                await control.SetHostDownAsync(site, host, false, ct);
                return await control.GetStatusAsync(ct);
            }, ct));

        group.MapPost("/faults", (LabFaults? body, HttpContext http, CancellationToken ct) =>
        {
            if (body is null)
            {
                return Task.FromResult(Problem(400, "Faults required", "Send a body {\"errorRate\":0.2,\"latencyMs\":50}; {\"errorRate\":0,\"latencyMs\":0} clears the faults."));
            }

            return ActAsync(http, $"Faults applied: {body.ErrorRate:P0} errors, {body.LatencyMs} ms latency.", "Could not apply the faults", async (control, _) =>
            {
                await control.SetFaultsAsync(body, ct);
                return await control.GetStatusAsync(ct);
            }, ct);
        });

        group.MapGet("/array/pairs", (HttpContext http, CancellationToken ct) =>
            ReadAsync(http, async (_, array) => TypedResults.Ok(await array.GetPairsAsync(ct))));

        group.MapGet("/array/pairs/{pair}", (string pair, HttpContext http, CancellationToken ct) =>
            ReadAsync(http, async (_, array) =>
                (await array.GetPairsAsync(ct)).FirstOrDefault(p => Names(p, pair)) is { } found
                    ? TypedResults.Ok(found)
                    : Problem(404, "Unknown replication pair", $"The lab's array has no pair '{pair}'; GET /api/lab/array/pairs lists them.")));

        group.MapPost("/array/pairs/{pair}/{action}", (string pair, string action, HttpContext http, CancellationToken ct) =>
            ActAsync(http, $"Array {action} on pair {pair}.", $"Could not {action} pair {pair}", async (_, array) =>
                await array.ApplyPairActionAsync(pair, action, ct), ct));

        return endpoints;
    }

    private static bool Names(LabReplicationPair pair, string name) =>
        string.Equals(pair.Id, name, StringComparison.OrdinalIgnoreCase) || pair.DomainId == name || pair.DomainName == name;

    private static async Task<IResult> ReadAsync(HttpContext http, Func<ILabControl, ILabArray, Task<IResult>> read)
    {
        if (Lab(http) is not var (control, array))
        {
            return NoLab();
        }

        try
        {
            return await read(control, array);
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException)
        {
            return Failure(ex, "The lab did not answer");
        }
    }

    // A lab action, audited as the Lab page audits it: who, from where, and what happened (a failure too, with the lab's words).
    private static async Task<IResult> ActAsync<T>(HttpContext http, string done, string failed, Func<ILabControl, ILabArray, Task<T>> action, CancellationToken ct)
    {
        if (Lab(http) is not var (control, array))
        {
            return NoLab();
        }

        var by = http.ActorOf();
        var audit = http.RequestServices.GetRequiredService<IAuditTrail>();
        T result;
        try
        {
            result = await action(control, array);
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException)
        {
            await audit.AppendAsync(new AuditEntry(by.Name, by.Source, AuditActions.LabControl, "lab", AuditOutcomes.Failed, Detail: $"{failed}: {ex.Message}"), ct);
            return Failure(ex, failed);
        }

        await audit.AppendAsync(new AuditEntry(by.Name, by.Source, AuditActions.LabControl, "lab", AuditOutcomes.Ok, Detail: done), ct);
        return TypedResults.Ok(result);
    }

    private static (ILabControl Control, ILabArray Array)? Lab(HttpContext http) =>
        http.RequestServices.GetService<ILabControl>() is { } control && http.RequestServices.GetService<ILabArray>() is { } array
            ? (control, array)
            : null;

    private static IResult NoLab() =>
        Problem(404, "No lab", "This console has no lab: no configured site's engine URL is lab:NAME, so there is nothing to simulate.");

    // The lab's own refusal keeps its status (an unknown site or pair is 404, a wrong body 400, an action the pair's state
    // does not allow 409); a lab that does not answer is a bad gateway.
    private static IResult Failure(Exception ex, string failed) => ex switch
    {
        HttpRequestException { StatusCode: { } status } when (int)status is >= 400 and < 500 => Problem((int)status, failed, ex.Message),
        InvalidOperationException => Problem(503, failed, ex.Message),
        _ => Problem(502, failed, ex.Message),
    };

    private static IResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: status);
}
