using RhvDr.Console.Model;
using RhvDr.Core.Audit;

namespace RhvDr.Tests.Audit;

public sealed class AuditViewModelTests
{
    [Fact]
    public void ToQuery_NoFilters_QueriesEverythingUpToPageLimit()
    {
        var query = new AuditViewModel().ToQuery();

        Assert.Equal(new AuditQuery(Limit: AuditViewModel.PageLimit), query);
    }

    [Fact]
    public void ToQuery_Filters_MapToTrimmedQuery()
    {
        var model = new AuditViewModel { Actor = " alice ", Family = "run.", Text = " db01 " };

        var query = model.ToQuery();

        Assert.Equal("alice", query.Actor);
        Assert.Equal("run.", query.Action);
        Assert.Equal("db01", query.Text);
    }

    [Fact]
    public void ToQuery_Dates_CoverWholeUtcDays()
    {
        var model = new AuditViewModel { FromDate = new DateTime(2026, 3, 1, 15, 30, 0, DateTimeKind.Local), ToDate = new DateTime(2026, 3, 2) };

        var query = model.ToQuery();

        Assert.Equal(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), query.From);
        Assert.Equal(new DateTimeOffset(2026, 3, 3, 0, 0, 0, TimeSpan.Zero), query.To);
    }

    [Fact]
    public void Families_EveryFamily_IsAllOrADottedPrefixOfKnownActions()
    {
        var prefixes = AuditViewModel.Families.Select(f => f.Prefix).ToList();

        Assert.Equal(["", "auth.", "user.", "token.", "site.", "mapping.", "run.", "incident.", "lab.", "access."], prefixes);
        Assert.All(prefixes.Skip(1), p => Assert.Contains(typeof(AuditActions).GetFields().Select(f => (string)f.GetValue(null)!), a => a.StartsWith(p, StringComparison.Ordinal)));
    }

    [Fact]
    public void ExportUrl_Filters_CarriedEscapedWithDateOnlyEnds()
    {
        var model = new AuditViewModel { Actor = "bob smith", Family = "mapping.", Text = "a&b", FromDate = new DateTime(2026, 3, 1), ToDate = new DateTime(2026, 3, 2) };

        var url = model.ExportUrl("json");

        Assert.Equal("/api/audit/export?format=json&actor=bob%20smith&action=mapping.&text=a%26b&from=2026-03-01&to=2026-03-02", url);
    }

    [Fact]
    public void ExportUrl_NoFilters_OnlyFormat()
    {
        Assert.Equal("/api/audit/export?format=csv", new AuditViewModel().ExportUrl("csv"));
    }

    [Fact]
    public void FilterProblem_ToBeforeFrom_SaysWhich()
    {
        var model = new AuditViewModel { FromDate = new DateTime(2026, 3, 2), ToDate = new DateTime(2026, 3, 1) };

        Assert.Equal("The 'to' date (2026-03-01) is before the 'from' date (2026-03-02).", model.FilterProblem);
    }

    [Fact]
    public void VerificationText_Intact_SaysHowManyChecked()
    {
        var model = new AuditViewModel();

        model.SetVerification(new AuditVerification(true, 1234, null, null));

        Assert.Equal("Chain intact: 1234 entries checked", model.VerificationText);
    }

    [Fact]
    public void VerificationText_Broken_NamesEntryAndProblem()
    {
        var model = new AuditViewModel();

        model.SetVerification(new AuditVerification(false, 16, 17, "Entry 17 was edited: its stored hash does not match its contents."));

        Assert.Equal("Chain broken at entry 17: Entry 17 was edited: its stored hash does not match its contents.", model.VerificationText);
    }

    [Fact]
    public void ToggleExpanded_TwiceOnOneRow_ExpandsThenCollapses()
    {
        var model = new AuditViewModel();

        model.ToggleExpanded(3);
        var expanded = model.IsExpanded(3);
        model.ToggleExpanded(3);

        Assert.True(expanded);
        Assert.False(model.IsExpanded(3));
    }

    [Fact]
    public void CountText_FullPage_SaysOlderEntriesAreHidden()
    {
        var model = new AuditViewModel();
        var record = new AuditRecord(1, DateTimeOffset.UnixEpoch, "a", "s", "x", "t", "ok", null, null, null, AuditHash.Genesis, AuditHash.Genesis);

        model.Load(Enumerable.Repeat(record, AuditViewModel.PageLimit).ToList());

        Assert.True(model.Truncated);
        Assert.StartsWith($"The newest {AuditViewModel.PageLimit} matching entries", model.CountText, StringComparison.Ordinal);
    }
}
