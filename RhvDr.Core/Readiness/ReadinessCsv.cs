using System.Globalization;
using RhvDr.Core.Export;

namespace RhvDr.Core.Readiness;

/// <summary>
/// The report as CSV (see <see cref="SpreadsheetCsv"/>): a summary block, an empty line, then one row per check with
/// evidence joined by " | ".
/// </summary>
public static class ReadinessCsv
{
    public static string Write(ReadinessReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rows = new List<IReadOnlyList<string?>>
        {
            new[] { "evaluatedAt", "status", "score", "rpoSeconds", "rpoTargetSeconds", "estimatedRtoSeconds", "rtoSource" },
            new[]
            {
                report.EvaluatedAt.ToString("O", CultureInfo.InvariantCulture),
                ReadinessText.Verdict(report.Verdict),
                report.Score.ToString(CultureInfo.InvariantCulture),
                report.RpoSeconds?.ToString("0", CultureInfo.InvariantCulture),
                report.RpoTargetSeconds.ToString(CultureInfo.InvariantCulture),
                report.Rto.Seconds.ToString("0", CultureInfo.InvariantCulture),
                report.Rto.Source,
            },
            Array.Empty<string?>(),
            new[] { "id", "title", "status", "severity", "summary", "evidence", "remediation", "failingSince" },
        };
        foreach (var f in report.Findings)
        {
            rows.Add(
            [
                f.Id, f.Title, ReadinessText.Status(f.Status), ReadinessText.Severity(f.Severity), f.Summary,
                string.Join(" | ", f.Evidence), f.Remediation, f.FailingSince?.ToString("O", CultureInfo.InvariantCulture),
            ]);
        }
        return SpreadsheetCsv.Write(rows);
    }
}
