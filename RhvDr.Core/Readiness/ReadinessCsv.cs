using System.Globalization;
using System.Text;

namespace RhvDr.Core.Readiness;

/// <summary>The report as CSV (RFC 4180): a summary block, then one row per check with evidence joined by " | ".</summary>
public static class ReadinessCsv
{
    public static string Write(ReadinessReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var csv = new StringBuilder();
        Row(csv, "evaluatedAt", "status", "score", "rpoSeconds", "rpoTargetSeconds", "estimatedRtoSeconds", "rtoSource");
        Row(csv,
            report.EvaluatedAt.ToString("O", CultureInfo.InvariantCulture),
            ReadinessText.Verdict(report.Verdict),
            report.Score.ToString(CultureInfo.InvariantCulture),
            report.RpoSeconds?.ToString("0", CultureInfo.InvariantCulture) ?? "",
            report.RpoTargetSeconds.ToString(CultureInfo.InvariantCulture),
            report.Rto.Seconds.ToString("0", CultureInfo.InvariantCulture),
            report.Rto.Source);
        csv.Append("\r\n");
        Row(csv, "id", "title", "status", "severity", "summary", "evidence", "remediation", "failingSince");
        foreach (var f in report.Findings)
        {
            Row(csv, f.Id, f.Title, ReadinessText.Status(f.Status), ReadinessText.Severity(f.Severity), f.Summary,
                string.Join(" | ", f.Evidence), f.Remediation, f.FailingSince?.ToString("O", CultureInfo.InvariantCulture) ?? "");
        }
        return csv.ToString();
    }

    private static void Row(StringBuilder csv, params string[] cells)
    {
        csv.AppendJoin(',', cells.Select(Escape)).Append("\r\n");
    }

    // Quote every cell that needs it; a leading = + - @ is prefixed so a spreadsheet never runs it as a formula.
    private static string Escape(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }
}
