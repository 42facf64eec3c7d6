using System.Globalization;
using RhvDr.Core.Export;

namespace RhvDr.Core.Recovery;

/// <summary>Renders a <see cref="RunReport"/> as CSV (one row per VM after a header block); the HTML page is a Razor component in the console.</summary>
public static class RunReportWriter
{
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
}
