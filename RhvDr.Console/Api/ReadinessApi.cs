using System.Text;
using RhvDr.Core.Export;
using RhvDr.Core.Monitoring;
using RhvDr.Core.Readiness;
using RhvDr.Core.State;

namespace RhvDr.Console.Api;

/// <summary>
/// <c>/api/readiness</c>: the newest report (from the readiness store, never evaluated on request),
/// <c>/history?days=30</c> the trend, <c>/export?format=csv|json</c> a download.
/// </summary>
public static class ReadinessApi
{
    public const int MaxHistoryDays = 400;

    public static IEndpointRouteBuilder MapReadinessApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/readiness").WithTags("Readiness");

        group.MapGet("/", (IReadinessStore store, IDrStateStore state, IInventoryStore inventory) =>
            TypedResults.Ok(ReadinessDto.From(store.Current) with { Failback = FailbackReadinessDto.From(FailbackReadiness.For(state.Current, inventory.Current)) }));

        group.MapGet("/history", async Task<IResult> (IReadinessHistoryRepository history, TimeProvider time, CancellationToken cancellationToken, int days = 30) =>
        {
            if (days is < 1 or > MaxHistoryDays)
            {
                return TypedResults.Problem(title: "Bad days", detail: $"days must be between 1 and {MaxHistoryDays}; it was {days}.", statusCode: StatusCodes.Status400BadRequest);
            }
            var trend = await history.GetTrendAsync(time.GetUtcNow().AddDays(-days), BucketFor(days), cancellationToken);
            return TypedResults.Ok(trend.Select(p => new
            {
                p.Time,
                p.MinScore,
                AverageScore = Math.Round(p.AverageScore, 1),
                WorstStatus = ReadinessText.Verdict(p.WorstVerdict),
                p.Evaluations,
            }));
        });

        group.MapGet("/export", (IReadinessStore store, string? format) =>
        {
            var report = store.Current;
            var stamp = report.IsEvaluated ? report.EvaluatedAt.ToString("yyyyMMdd-HHmm", System.Globalization.CultureInfo.InvariantCulture) : "not-evaluated";
            return (format ?? "json").ToLowerInvariant() switch
            {
                "csv" => Results.File(Encoding.UTF8.GetBytes(ReadinessCsv.Write(report)), SpreadsheetCsv.ContentType, $"rhvdr-readiness-{stamp}.csv"),
                "json" => new DownloadResult(Results.Json(ReadinessDto.From(report)), $"rhvdr-readiness-{stamp}.json"),
                _ => TypedResults.Problem(title: "Bad format", detail: $"format must be csv or json; it was '{format}'.", statusCode: StatusCodes.Status400BadRequest),
            };
        });

        return endpoints;
    }

    /// <summary>Trend buckets: hourly up to a week, else every 6 hours up to 30 days, else daily.</summary>
    public static TimeSpan BucketFor(int days) => days <= 7 ? TimeSpan.FromHours(1) : days <= 30 ? TimeSpan.FromHours(6) : TimeSpan.FromDays(1);

    // Adds Content-Disposition so a browser saves the JSON instead of showing it.
    private sealed class DownloadResult(IResult inner, string fileName) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
            return inner.ExecuteAsync(httpContext);
        }
    }
}
