using RhvDr.Console.Security;
using RhvDr.Console.Components.Reports;
using RhvDr.Core.Export;
using RhvDr.Core.Recovery;
using RhvDr.Core.Security;

namespace RhvDr.Console.Api;

/// <summary><c>/api/runs</c>: start, watch, steer and report failover, failback, test and cleanup runs (Active/Active: evacuate and return).</summary>
public static class RunsApi
{
    public static IEndpointRouteBuilder MapRunsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/runs").WithTags("Runs");

        group.MapPost("/", async (RunStartDto body, HttpContext http, IRecoveryRunner runner, CancellationToken ct) =>
        {
            // By name only: "3" or 3 never picks whichever kind has that number.
            if (!ApiEnums.TryParse<RunKind>(body.Kind, out var kind))
            {
                return Problem(400, "Unknown run kind", $"kind '{body.Kind}' is not one of {ApiEnums.Allowed<RunKind>()}.");
            }

            var mode = RunMode.Planned;
            if (body.Mode is not null && !ApiEnums.TryParse(body.Mode, out mode))
            {
                return Problem(400, "Unknown run mode", $"mode '{body.Mode}' is not one of {ApiEnums.Allowed<RunMode>()}.");
            }

            return await AnswerAsync(async () =>
            {
                var result = await runner.StartAsync(new RunRequest(kind, mode, body.ConfirmSite, body.OverrideReason, http.ActorOf(), body.Source, body.Target, body.Plan), ct);
                return result.Created
                    ? TypedResults.Accepted($"/api/runs/{result.Run.Id}", new { id = result.Run.Id, status = result.Run.Status })
                    : TypedResults.Conflict(new
                    {
                        id = result.Run.Id,
                        status = result.Run.Status,
                        plan = result.Run.Plan,
                        detail = ActiveDetail(result.Run),
                    });
            }, 400);
        }).RequireAuthorization(AuthorizationPolicies.Operator);

        group.MapGet("/", async (IRecoveryRunner runner, CancellationToken ct, int? limit) =>
            TypedResults.Ok(await runner.ListAsync(Math.Clamp(limit ?? 100, 1, 1000), ct)));

        group.MapGet("/{id}", async (string id, IRecoveryRunner runner, CancellationToken ct) =>
            await runner.GetAsync(id, ct) is { } details ? TypedResults.Ok(details) : NotFound(id));

        var steer = group.MapGroup("/{id}").RequireAuthorization(AuthorizationPolicies.Operator);
        steer.MapPost("/confirm", (string id, HttpContext http, IRecoveryRunner runner, CancellationToken ct) => AnswerAsync(async () => TypedResults.Ok(await runner.ConfirmAsync(id, http.ActorOf(), ct)), 409));
        steer.MapPost("/cancel", (string id, HttpContext http, IRecoveryRunner runner, CancellationToken ct) => AnswerAsync(async () => TypedResults.Ok(await runner.CancelAsync(id, http.ActorOf(), ct)), 409));
        steer.MapPost("/pause", (string id, HttpContext http, IRecoveryRunner runner, CancellationToken ct) => AnswerAsync(async () => TypedResults.Ok(await runner.PauseAsync(id, http.ActorOf(), ct)), 409));
        steer.MapPost("/resume", (string id, HttpContext http, IRecoveryRunner runner, CancellationToken ct) =>
            AnswerAsync(async () => TypedResults.Accepted($"/api/runs/{id}", await runner.ResumeAsync(id, http.ActorOf(), ct)), 409));
        steer.MapPost("/approve", (string id, ApprovalDto? body, HttpContext http, IRecoveryRunner runner, CancellationToken ct) =>
            AnswerAsync(async () => TypedResults.Accepted($"/api/runs/{id}", await runner.ApproveAsync(id, http.ActorOf(), body?.Reason ?? "", ct)), 409));
        steer.MapPost("/reject", (string id, ApprovalDto? body, HttpContext http, IRecoveryRunner runner, CancellationToken ct) =>
            AnswerAsync(async () => TypedResults.Ok(await runner.RejectAsync(id, http.ActorOf(), body?.Reason ?? "", ct)), 409));

        group.MapGet("/{id}/report", async (string id, string? format, IRecoveryRunner runner, HttpContext http, ILoggerFactory loggers, TimeProvider time, CancellationToken ct) =>
        {
            if (await runner.GetAsync(id, ct) is not { } details)
            {
                return NotFound(id);
            }

            var report = RunReport.From(details);
            return (format ?? "json").ToLowerInvariant() switch
            {
                "json" => TypedResults.Ok(report),
                "html" => TypedResults.Content(await RunReportHtml.RenderAsync(report, time.GetUtcNow(), http.RequestServices, loggers), "text/html; charset=utf-8"),
                "csv" => TypedResults.Text(RunReportWriter.Csv(report), SpreadsheetCsv.ContentType),
                _ => Problem(400, "Unknown report format", $"format '{format}' is not one of html, json, csv."),
            };
        });

        return endpoints;
    }

    private static async Task<IResult> AnswerAsync(Func<Task<IResult>> action, int refusedStatus)
    {
        try
        {
            return await action();
        }
        catch (RunRequestException ex)
        {
            return Problem(ex.NotFound ? 404 : ex.Conflict ? 409 : refusedStatus, ex.NotFound ? "Unknown run" : ex.Conflict ? "An active run holds its domains" : "Request refused", ex.Message);
        }
        catch (AccessDeniedException ex)
        {
            return Problem(403, "Not allowed", ex.Message);
        }
    }

    /// <summary>Why a start got the active run instead of a new one.</summary>
    private static string ActiveDetail(RecoveryRun run) => RunConcurrency.IsPlanRun(run)
        ? $"Run {run.Id} ({run.Kind.ToString().ToLowerInvariant()} of plan '{run.Plan}', {run.Status.ToString().ToLowerInvariant()}) is already active between {run.SourceSite} and {run.TargetSite}; one run at a time per plan, and no run of the whole estate beside it."
        : $"Run {run.Id} ({run.Kind.ToString().ToLowerInvariant()}, {run.Status.ToString().ToLowerInvariant()}) is already active between {run.SourceSite} and {run.TargetSite}; a run of the whole estate runs alone between the sites.";

    private static IResult NotFound(string id) => Problem(404, "Unknown run", $"There is no run {id}.");

    private static IResult Problem(int status, string title, string detail) => TypedResults.Problem(title: title, detail: detail, statusCode: status);
}
