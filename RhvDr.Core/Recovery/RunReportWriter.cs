using System.Globalization;
using System.Text;

namespace RhvDr.Core.Recovery;

/// <summary>Renders a <see cref="RunReport"/> as CSV (one row per VM after a header block); the HTML page is a Razor component in the console.</summary>
public static class RunReportWriter
{
    public static string Csv(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var csv = new StringBuilder();
        csv.AppendLine("run,operation,mode,source,target,status,requested_by,started,finished,duration_s,rpo_s,rto_s,vm,vm_id,ran_at_source,wave,registered,started_vm,up,up_at,failed,reason");
        var head = string.Join(',', Cell(report.Id), Cell(report.Operation), Cell(report.Mode), Cell(report.SourceSite), Cell(report.TargetSite), Cell(report.Status),
            Cell(report.RequestedBy), Cell(report.StartedAt?.ToString("O", CultureInfo.InvariantCulture)), Cell(report.FinishedAt?.ToString("O", CultureInfo.InvariantCulture)),
            Cell(Number(report.DurationSeconds)), Cell(Number(report.RpoSeconds)), Cell(Number(report.RtoSeconds)));
        if (report.Vms.Count == 0)
        {
            csv.AppendLine(head + ",,,,,,,,,,");
        }

        foreach (var vm in report.Vms)
        {
            csv.AppendLine(string.Join(',', head, Cell(vm.VmName), Cell(vm.VmId), Cell(Bool(vm.WasRunning)), Cell(vm.Wave.ToString(CultureInfo.InvariantCulture)), Cell(Bool(vm.Registered)),
                Cell(Bool(vm.Started)), Cell(Bool(vm.Up)), Cell(vm.UpAt?.ToString("O", CultureInfo.InvariantCulture)), Cell(Bool(vm.Failed)), Cell(vm.Reason)));
        }

        return csv.ToString();
    }

    private static string Cell(string? value) =>
        value is null ? "" : value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;

    private static string Bool(bool value) => value ? "true" : "false";

    private static string? Number(double? value) => value?.ToString("0.###", CultureInfo.InvariantCulture);
}
