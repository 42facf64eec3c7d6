namespace RhvDr.Tests.Lab;

/// <summary>
/// The engine's <c>AuditLogType</c> enum as a table (Lab/Data/ovirt-audit-log-types.tsv, derived from the oVirt engine's source
/// at the commit its first line names): every type's number and severity by name.
/// </summary>
internal static class AuditLogTypes
{
    private static readonly Lazy<IReadOnlyDictionary<string, (int Code, string Severity)>> Table = new(Load);

    public static IReadOnlyDictionary<string, (int Code, string Severity)> ByName => Table.Value;

    private static IReadOnlyDictionary<string, (int Code, string Severity)> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Lab", "Data", "ovirt-audit-log-types.tsv");
        var table = new Dictionary<string, (int, string)>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var fields = line.Split('\t');
            table.Add(fields[0], (int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture), fields[2]));
        }
        return table;
    }
}
