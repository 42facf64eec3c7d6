using System.Globalization;

namespace RhvDr.Core.Engines;

/// <summary>The engine check as text for a terminal or a pipeline log: a block per site, one OK / WARN / FAIL line per fact, the fix under each problem.</summary>
public static class EngineCheckText
{
    public static string Level(EngineCheckLevel level) => level switch
    {
        EngineCheckLevel.Ok => "OK",
        EngineCheckLevel.Info => "INFO",
        EngineCheckLevel.Warn => "WARN",
        _ => "FAIL",
    };

    public static void Write(TextWriter writer, EngineCheckReport report)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(report);
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RhvDr engine check, {report.CheckedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC; supported: {report.SupportedVersions}"));
        foreach (var site in report.Sites)
        {
            writer.WriteLine();
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{site.Site} ({site.Role}) {site.EngineUrl}"));
            foreach (var line in site.Lines)
            {
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {Level(line.Level),-5} {line.Topic,-12} {line.Message}"));
                foreach (var detail in line.Details ?? [])
                {
                    writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {"",-5} {"",-12} - {detail}"));
                }
                if (line.Fix is not null)
                {
                    writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {"",-5} {"",-12} fix: {line.Fix}"));
                }
            }
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  => {(site.Usable ? "usable" : "NOT usable")}{(site.Status == EngineCheckLevel.Warn ? " (with warnings)" : "")}"));
        }
        writer.WriteLine();
        var usable = report.Sites.Count(s => s.Usable);
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{usable} of {report.Sites.Count} sites usable; exit code {report.ExitCode}"));
    }
}
