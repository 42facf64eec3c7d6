using System.Globalization;
using MudBlazor;
using RhvDr.Core.Audit;

namespace RhvDr.Console.Model;

/// <summary>
/// The audit page's state without UI: the filters and the query and export links they make, the entries shown, which rows
/// show their before and after, and the last verification in words. Dates are UTC days, both ends included.
/// </summary>
public sealed class AuditViewModel
{
    /// <summary>The most entries the page loads at once (the newest first).</summary>
    public const int PageLimit = SqliteAuditTrail.MaxQueryLimit;

    public const string ExportPath = "/api/audit/export";

    private readonly HashSet<long> _expanded = [];

    public static IReadOnlyList<AuditActionFamily> Families { get; } =
    [
        new("", "All actions"),
        new("auth.", "Sign-in"),
        new("user.", "Users"),
        new("token.", "API tokens"),
        new("site.", "Site credentials"),
        new("mapping.", "Mapping"),
        new("run.", "Runs"),
        new("incident.", "Incidents"),
        new("lab.", "Lab"),
        new("access.", "Refused access"),
    ];

    public string? Actor { get; set; }

    /// <summary>The prefix of one of <see cref="Families"/>; empty for every action.</summary>
    public string Family { get; set; } = "";

    public string? Text { get; set; }

    /// <summary>The first UTC day shown.</summary>
    public DateTime? FromDate { get; set; }

    /// <summary>The last UTC day shown (the whole day).</summary>
    public DateTime? ToDate { get; set; }

    public IReadOnlyList<AuditRecord> Entries { get; private set; } = [];

    /// <summary>True when the filter matched more entries than the page loads.</summary>
    public bool Truncated => Entries.Count >= PageLimit;

    public AuditVerification? Verification { get; private set; }

    /// <summary>A filter that cannot match, in words; null when the filters are fine.</summary>
    public string? FilterProblem => FromDate is { } from && ToDate is { } to && to.Date < from.Date
        ? $"The 'to' date ({Day(to)}) is before the 'from' date ({Day(from)})."
        : null;

    public string CountText => Entries.Count switch
    {
        0 => "No entries match.",
        1 => "1 entry, newest first.",
        _ when Truncated => $"The newest {Entries.Count} matching entries: narrow the filters or export to see older ones.",
        var n => $"{n} entries, newest first.",
    };

    public string? VerificationText => Verification switch
    {
        null => null,
        { Intact: true } v => $"Chain intact: {v.Checked} {(v.Checked == 1 ? "entry" : "entries")} checked",
        var v => $"Chain broken at entry {v.FirstBrokenSequence}: {v.Problem}",
    };

    public AuditQuery ToQuery() => new(
        Actor: Trimmed(Actor),
        Action: Trimmed(Family),
        Text: Trimmed(Text),
        From: FromDate is { } from ? StartOfUtcDay(from) : null,
        To: ToDate is { } to ? StartOfUtcDay(to).AddDays(1) : null,
        Limit: PageLimit);

    /// <summary>The export of what the filters match, e.g. <c>/api/audit/export?format=csv&amp;action=run.</c>.</summary>
    /// <param name="format"><c>csv</c> or <c>json</c>.</param>
    public string ExportUrl(string format)
    {
        // The API reads a date-only 'to' as the whole day, as the page does.
        var parameters = new List<string> { $"format={Uri.EscapeDataString(format)}" };
        Add(parameters, "actor", Trimmed(Actor));
        Add(parameters, "action", Trimmed(Family));
        Add(parameters, "text", Trimmed(Text));
        Add(parameters, "from", FromDate is { } from ? Day(from) : null);
        Add(parameters, "to", ToDate is { } to ? Day(to) : null);
        return $"{ExportPath}?{string.Join('&', parameters)}";
    }

    public void Load(IReadOnlyList<AuditRecord> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Entries = entries;
        _expanded.IntersectWith(entries.Select(e => e.Sequence));
    }

    public void SetVerification(AuditVerification verification) => Verification = verification;

    public bool IsExpanded(long sequence) => _expanded.Contains(sequence);

    public void ToggleExpanded(long sequence)
    {
        if (!_expanded.Remove(sequence))
        {
            _expanded.Add(sequence);
        }
    }

    public static bool HasChanges(AuditRecord record) => record is not null && (record.Before is not null || record.After is not null);

    public static Color OutcomeColor(string outcome) => outcome switch
    {
        AuditOutcomes.Ok => Color.Success,
        AuditOutcomes.Denied => Color.Warning,
        AuditOutcomes.Failed => Color.Error,
        _ => Color.Default,
    };

    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static DateTimeOffset StartOfUtcDay(DateTime day) => new(DateTime.SpecifyKind(day.Date, DateTimeKind.Utc));

    private static string Day(DateTime day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static void Add(List<string> parameters, string name, string? value)
    {
        if (value is not null)
        {
            parameters.Add($"{name}={Uri.EscapeDataString(value)}");
        }
    }
}
