using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using RhvDr.Console.Security;
using RhvDr.Core.Audit;
using RhvDr.Core.Export;

namespace RhvDr.Console.Api;

/// <summary>
/// <c>/api/audit</c>: the audit trail, newest first, filtered by <c>actor</c>, <c>action</c> (exact, or a family such as
/// <c>run.</c>), <c>text</c>, <c>from</c>, <c>to</c> and <c>limit</c>; its export as CSV or JSON; and verification of the chain.
/// </summary>
public static class AuditApi
{
    /// <summary>The forms <c>from</c> and <c>to</c> accept, in words for error messages.</summary>
    public const string TimeForms = "an ISO 8601 date (2026-03-01) or UTC date and time (2026-03-01T12:00:00Z, or with an offset such as +02:00)";

    private static readonly string[] DateTimeFormats =
    [
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(AuthorizationPolicies.Viewer);
        group.MapGet("/", ListAsync);
        group.MapGet("/export", ExportAsync);
        group.MapGet("/verify", VerifyAsync);
        return endpoints;
    }

    public static async Task<Results<Ok<IReadOnlyList<AuditRecord>>, ProblemHttpResult>> ListAsync(HttpRequest request, IAuditTrail trail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(trail);
        if (!TryParseQuery(request.Query, new AuditQuery().Limit, out var query, out var problem))
        {
            return problem;
        }
        return TypedResults.Ok(await trail.QueryAsync(query, cancellationToken));
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportAsync(
        HttpRequest request, IAuditTrail trail, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(trail);
        ArgumentNullException.ThrowIfNull(time);
        var format = request.Query["format"].ToString().Trim().ToLowerInvariant();
        if (format.Length == 0)
        {
            format = "csv";
        }
        if (format is not ("csv" or "json"))
        {
            return BadParameter("format", "csv or json", request.Query["format"].ToString());
        }
        if (!TryParseQuery(request.Query, SqliteAuditTrail.MaxQueryLimit, out var query, out var problem))
        {
            return problem;
        }
        var records = await trail.QueryAsync(query, cancellationToken);
        var stamp = time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        return format == "csv"
            ? TypedResults.File(Encoding.UTF8.GetBytes(AuditExport.ToCsv(records)), SpreadsheetCsv.ContentType, $"rhvdr-audit-{stamp}.csv")
            : TypedResults.File(Encoding.UTF8.GetBytes(AuditExport.ToJson(records)), AuditExport.JsonContentType, $"rhvdr-audit-{stamp}.json");
    }

    public static async Task<Ok<AuditVerification>> VerifyAsync(IAuditTrail trail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trail);
        return TypedResults.Ok(await trail.VerifyAsync(cancellationToken));
    }

    /// <summary>
    /// Reads the filters from a query string. A date-only <c>from</c> is the start of that UTC day and a date-only <c>to</c> the
    /// end of it; a missing <c>limit</c> is <paramref name="defaultLimit"/> and any limit is clamped to 1..5000 by the trail.
    /// </summary>
    public static bool TryParseQuery(
        IQueryCollection parameters,
        int defaultLimit,
        [NotNullWhen(true)] out AuditQuery? query,
        [NotNullWhen(false)] out ProblemHttpResult? problem)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        query = null;
        DateTimeOffset? from = null;
        DateTimeOffset? to = null;
        var limit = defaultLimit;
        if (Value(parameters, "from") is { } fromText)
        {
            if (!TryParseTime(fromText, out var parsed, out _))
            {
                problem = BadParameter("from", TimeForms, fromText);
                return false;
            }
            from = parsed;
        }
        if (Value(parameters, "to") is { } toText)
        {
            if (!TryParseTime(toText, out var parsed, out var dateOnly))
            {
                problem = BadParameter("to", TimeForms, toText);
                return false;
            }
            to = dateOnly ? parsed.AddDays(1) : parsed;
        }
        if (Value(parameters, "limit") is { } limitText)
        {
            if (!int.TryParse(limitText, NumberStyles.Integer, CultureInfo.InvariantCulture, out limit))
            {
                problem = BadParameter("limit", $"a whole number from 1 to {SqliteAuditTrail.MaxQueryLimit}", limitText);
                return false;
            }
        }
        problem = null;
        query = new AuditQuery(Value(parameters, "actor"), Value(parameters, "action"), Value(parameters, "text"), from, to, limit);
        return true;
    }

    private static bool TryParseTime(string text, out DateTimeOffset time, out bool dateOnly)
    {
        const DateTimeStyles utc = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        dateOnly = DateTimeOffset.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, utc, out time);
        return dateOnly
            || DateTimeOffset.TryParseExact(text, DateTimeFormats, CultureInfo.InvariantCulture, utc, out time)
            // An unencoded '+' in a query string arrives as a space: 12:00:00+02:00 becomes "12:00:00 02:00".
            || DateTimeOffset.TryParseExact(text.Replace(' ', '+'), DateTimeFormats, CultureInfo.InvariantCulture, utc, out time);
    }

    private static string? Value(IQueryCollection parameters, string name) =>
        parameters[name].ToString() is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static ProblemHttpResult BadParameter(string name, string expected, string given) =>
        TypedResults.Problem(
            title: $"Bad query parameter '{name}'",
            detail: $"'{name}' must be {expected}; got '{given}'.",
            statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { ["parameter"] = name });
}
