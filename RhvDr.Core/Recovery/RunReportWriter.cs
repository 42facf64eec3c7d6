using System.Globalization;
using System.Net;
using System.Text;
using RhvDr.Core.Export;

namespace RhvDr.Core.Recovery;

/// <summary>Renders a <see cref="RunReport"/> as a standalone HTML page or as CSV (one row per VM after a header block).</summary>
public static class RunReportWriter
{
    private const string Style = "body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #999;padding:2px 6px;text-align:left}.failed{color:#b00}";

    public static string Html(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        static string E(object? value) => WebUtility.HtmlEncode(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "");
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>RhvDr run {E(report.Id)}</title>
            <style>{Style}</style>
            </head><body>
            <h1>{E(report.Mode)} {E(report.Operation)} {E(report.SourceSite)} → {E(report.TargetSite)}: {E(report.Status)}</h1>
            <table>
            <tr><th>Run</th><td>{E(report.Id)}</td></tr>
            <tr><th>Requested by</th><td>{E(report.RequestedBy)}</td></tr>
            <tr><th>Approved by</th><td>{E(report.ApprovedBy is null ? "not needed" : $"{report.ApprovedBy}: {report.ApprovalReason}")}</td></tr>
            <tr><th>Override</th><td>{E(report.OverrideReason ?? "none")}</td></tr>
            <tr><th>Started</th><td>{E(report.StartedAt?.ToString("u", CultureInfo.InvariantCulture))}</td></tr>
            <tr><th>Finished</th><td>{E(report.FinishedAt?.ToString("u", CultureInfo.InvariantCulture))}</td></tr>
            <tr><th>Duration</th><td>{E(Seconds(report.DurationSeconds))}</td></tr>
            <tr><th>RPO achieved</th><td>{E(Seconds(report.RpoSeconds))}{(report.RecoveryPoint is { } p ? E($" (data as of {p:u})") : "")}</td></tr>
            <tr><th>Measured RTO</th><td>{E(Seconds(report.RtoSeconds))}</td></tr>
            <tr><th>VMs</th><td>{report.VmsUp} of {report.VmsToRecover} up, {report.VmsFailed} failed</td></tr>
            <tr><th>Error</th><td class="failed">{E(report.Error ?? "")}</td></tr>
            </table>
            <h2>Steps</h2>
            <table><tr><th>#</th><th>Step</th><th>Status</th><th>Started</th><th>Seconds</th><th>Detail</th></tr>
            """);
        foreach (var step in report.Steps)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{step.Index + 1}</td><td>{E(step.Title)}</td><td>{E(step.Status)}</td><td>{E(step.StartedAt?.ToString("u", CultureInfo.InvariantCulture))}</td><td>{E(Elapsed(step.StartedAt, step.FinishedAt))}</td><td>{E(step.Detail)}</td></tr>\n");
        }

        html.Append("</table>\n<h2>VMs</h2>\n<table><tr><th>VM</th><th>Ran at source</th><th>Wave</th><th>Registered</th><th>Started</th><th>Up</th><th>Up at</th><th>Result</th></tr>\n");
        foreach (var vm in report.Vms)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(vm.VmName)}</td><td>{Yes(vm.WasRunning)}</td><td>{vm.Wave}</td><td>{Yes(vm.Registered)}</td><td>{Yes(vm.Started)}</td><td>{Yes(vm.Up)}</td><td>{E(vm.UpAt?.ToString("u", CultureInfo.InvariantCulture))}</td><td class=\"{(vm.Failed ? "failed" : "")}\">{E(vm.Failed ? vm.Reason : "ok")}</td></tr>\n");
        }

        html.Append("</table>\n</body></html>\n");
        return html.ToString();
    }

    /// <summary>One row per VM (one row with empty VM columns when there is none), each repeating the run's columns; see <see cref="SpreadsheetCsv"/>.</summary>
    public static string Csv(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        string?[] head =
        [
            report.Id, report.Operation, report.Mode, report.SourceSite, report.TargetSite, report.Status, report.RequestedBy,
            report.StartedAt?.ToString("O", CultureInfo.InvariantCulture), report.FinishedAt?.ToString("O", CultureInfo.InvariantCulture),
            Number(report.DurationSeconds), Number(report.RpoSeconds), Number(report.RtoSeconds),
        ];
        var rows = new List<IReadOnlyList<string?>> { CsvColumns };
        if (report.Vms.Count == 0)
        {
            rows.Add([.. head, .. new string?[CsvColumns.Count - head.Length]]);
        }
        foreach (var vm in report.Vms)
        {
            rows.Add(
            [
                .. head, vm.VmName, vm.VmId, Bool(vm.WasRunning), vm.Wave.ToString(CultureInfo.InvariantCulture), Bool(vm.Registered),
                Bool(vm.Started), Bool(vm.Up), vm.UpAt?.ToString("O", CultureInfo.InvariantCulture), Bool(vm.Failed), vm.Reason,
            ]);
        }
        return SpreadsheetCsv.Write(rows);
    }

    /// <summary>The CSV header: the run's columns, then the VM's.</summary>
    public static IReadOnlyList<string> CsvColumns { get; } =
    [
        "run", "operation", "mode", "source", "target", "status", "requested_by", "started", "finished", "duration_s", "rpo_s", "rto_s",
        "vm", "vm_id", "ran_at_source", "wave", "registered", "started_vm", "up", "up_at", "failed", "reason",
    ];

    private static string Bool(bool value) => value ? "true" : "false";

    private static string? Number(double? value) => value?.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Yes(bool value) => value ? "yes" : "";

    private static string Seconds(double? value) => value is { } s ? $"{s:0.#} s" : "n/a";

    private static string Elapsed(DateTimeOffset? start, DateTimeOffset? end) =>
        start is { } s && end is { } e ? (e - s).TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) : "";
}
