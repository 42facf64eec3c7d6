using System.Globalization;
using System.Text;
using System.Text.Json;

namespace RhvDr.Core.Audit;

/// <summary>
/// Audit entries as CSV (for spreadsheets) or JSON (exact), each with its sequence number, previous hash and hash so the
/// exported chain can be re-checked with <see cref="AuditHash.Compute(AuditRecord)"/>.
/// </summary>
public static class AuditExport
{
    public const string CsvContentType = "text/csv";
    public const string JsonContentType = "application/json";

    /// <summary>The CSV header; one row per entry below it, in the order given.</summary>
    public static IReadOnlyList<string> CsvColumns { get; } =
        ["seq", "time_utc", "actor", "source", "action", "target", "outcome", "before", "after", "detail", "prev_hash", "hash"];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>
    /// RFC 4180 CSV (CRLF line ends, fields quoted when they hold a comma, quote or line break). A cell a spreadsheet would
    /// run as a formula (starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or carriage return) gets a leading
    /// single quote, so CSV is for reading: re-check a chain from the JSON export, which keeps every value exactly.
    /// A null is an empty field; an empty string is <c>""</c>.
    /// </summary>
    public static string ToCsv(IEnumerable<AuditRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var csv = new StringBuilder();
        AppendRow(csv, CsvColumns);
        foreach (var r in records)
        {
            AppendRow(csv,
            [
                r.Sequence.ToString(CultureInfo.InvariantCulture),
                FormatTime(r.Time),
                r.Actor,
                r.Source,
                r.Action,
                r.Target,
                r.Outcome,
                r.Before,
                r.After,
                r.Detail,
                r.PreviousHash,
                r.Hash,
            ]);
        }
        return csv.ToString();
    }

    /// <summary>A JSON array of the records, camelCase, nulls kept: the exact values the hashes were computed over.</summary>
    public static string ToJson(IEnumerable<AuditRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        return JsonSerializer.Serialize(records.ToList(), Json);
    }

    /// <summary>Reads a <see cref="ToJson"/> export back.</summary>
    public static IReadOnlyList<AuditRecord> FromJson(string json) =>
        JsonSerializer.Deserialize<List<AuditRecord>>(json, Json) ?? [];

    /// <summary>One CSV cell: guarded against formula injection, then quoted when needed.</summary>
    public static string CsvCell(string? value)
    {
        if (value is null)
        {
            return "";
        }
        if (value.Length == 0)
        {
            return "\"\"";
        }
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
    }

    private static void AppendRow(StringBuilder csv, IReadOnlyList<string?> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                csv.Append(',');
            }
            csv.Append(CsvCell(cells[i]));
        }
        csv.Append("\r\n");
    }

    private static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
