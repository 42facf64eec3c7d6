using System.Globalization;
using System.Text.Json;
using RhvDr.Core.Export;

namespace RhvDr.Core.Audit;

/// <summary>
/// Audit entries as CSV (for spreadsheets) or JSON (exact), each with its sequence number, previous hash and hash so the
/// exported chain can be re-checked with <see cref="AuditHash.Compute(AuditRecord)"/>.
/// </summary>
public static class AuditExport
{
    public const string JsonContentType = "application/json";

    /// <summary>The CSV header; one row per entry below it, in the order given.</summary>
    public static IReadOnlyList<string> CsvColumns { get; } =
        ["seq", "time_utc", "actor", "source", "action", "target", "outcome", "before", "after", "detail", "prev_hash", "hash"];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>
    /// CSV through <see cref="SpreadsheetCsv"/>: RFC 4180 with CRLF line ends, and a cell a spreadsheet would run as a formula
    /// gets a leading single quote, so CSV is for reading: re-check a chain from the JSON export, which keeps every value
    /// exactly. A null is an empty field; an empty string is <c>""</c>.
    /// </summary>
    public static string ToCsv(IEnumerable<AuditRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var rows = new List<IReadOnlyList<string?>> { CsvColumns };
        foreach (var r in records)
        {
            rows.Add(
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
        return SpreadsheetCsv.Write(rows);
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

    private static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
