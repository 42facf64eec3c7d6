using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RhvDr.Core.Audit;
using RhvDr.Core.Security;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.Audit;

public sealed class DeniedAccessRecorderTests
{
    private readonly RecordingAuditTrail _trail = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly DeniedAccessRecorder _recorder;

    public DeniedAccessRecorderTests()
    {
        _recorder = new DeniedAccessRecorder(_trail, _clock, Options.Create(new SecurityOptions { DeniedAuditPerMinute = 3 }), NullLogger<DeniedAccessRecorder>.Instance);
    }

    [Fact]
    public async Task RecordAsync_UnderLimit_RecordsWhoWhatAndWhere()
    {
        await _recorder.RecordAsync(new DeniedAccess("token:grafana", "10.1.2.3", "POST /api/runs", "403: needs the Operator role"), CancellationToken.None);

        var entry = Assert.Single(_trail.Records);
        Assert.Equal(("token:grafana", "10.1.2.3", AuditActions.AccessDenied, "POST /api/runs", AuditOutcomes.Denied, "403: needs the Operator role"),
            (entry.Actor, entry.Source, entry.Action, entry.Target, entry.Outcome, entry.Detail));
    }

    [Fact]
    public async Task RecordAsync_Flood_RecordsLimitThenWritesFoldedCountBeforeTheNextMinutesFirst()
    {
        for (var i = 0; i < 10; i++)
        {
            await _recorder.RecordAsync(Refusal("bob", i % 2 == 0 ? "GET /api/users" : "POST /api/tokens"), CancellationToken.None);
        }
        Assert.Equal(3, _trail.Records.Count);
        Assert.Contains("refusal 3 of this caller this minute", _trail.Records[2].Detail, StringComparison.Ordinal);

        _clock.Advance(TimeSpan.FromSeconds(61));
        await _recorder.RecordAsync(Refusal("bob", "GET /api/users"), CancellationToken.None);

        Assert.Equal(5, _trail.Records.Count);
        var folded = _trail.Records[3];
        Assert.Equal(("bob", "10.0.0.9", "7 more denied requests", AuditOutcomes.Denied), (folded.Actor, folded.Source, folded.Target, folded.Outcome));
        Assert.StartsWith("and 7 more denied requests folded", folded.Detail, StringComparison.Ordinal);
        Assert.Contains("among them POST /api/tokens, GET /api/users", folded.Detail, StringComparison.Ordinal);
        Assert.Equal(("GET /api/users", "403: needs the Administrator role"), (_trail.Records[4].Target, _trail.Records[4].Detail));
    }

    [Fact]
    public async Task RecordAsync_TwoCallers_EachHasItsOwnLimit()
    {
        for (var i = 0; i < 5; i++)
        {
            await _recorder.RecordAsync(Refusal("bob", "GET /api/users"), CancellationToken.None);
            await _recorder.RecordAsync(Refusal("carol", "GET /api/users"), CancellationToken.None);
        }

        Assert.Equal(3, _trail.Records.Count(r => r.Actor == "bob"));
        Assert.Equal(3, _trail.Records.Count(r => r.Actor == "carol"));
    }

    [Fact]
    public async Task FlushAsync_FloodStopped_WritesFoldedCountOnceAfterTheMinute()
    {
        for (var i = 0; i < 200; i++)
        {
            await _recorder.RecordAsync(Refusal("bob", "GET /api/users"), CancellationToken.None);
        }

        await _recorder.FlushAsync(CancellationToken.None);
        Assert.Equal(3, _trail.Records.Count);

        _clock.Advance(TimeSpan.FromMinutes(1));
        await _recorder.FlushAsync(CancellationToken.None);
        await _recorder.FlushAsync(CancellationToken.None);

        Assert.Equal(4, _trail.Records.Count);
        Assert.Equal("197 more denied requests", _trail.Records[3].Target);
    }

    [Fact]
    public async Task Sweeper_FloodStopped_WritesFoldedCountOnceItsMinuteIsOver()
    {
        for (var i = 0; i < 200; i++)
        {
            await _recorder.RecordAsync(Refusal("bob", "GET /api/users"), CancellationToken.None);
        }
        using var sweeper = new DeniedAccessSweeper(_recorder, _clock);
        await sweeper.StartAsync(CancellationToken.None);

        // The sweeper starts its timer on its own thread: move the clock a sweep at a time until it writes.
        await WaitFor.ConditionAsync(() =>
        {
            _clock.Advance(DeniedAccessSweeper.Interval);
            return _trail.Records.Count == 4;
        }, "the sweeper to write the folded count");
        await sweeper.StopAsync(CancellationToken.None);

        Assert.Equal(4, _trail.Records.Count);
        Assert.Equal("197 more denied requests", _trail.Records[3].Target);
    }

    [Fact]
    public async Task FlushAsync_NothingFolded_WritesNothing()
    {
        await _recorder.RecordAsync(Refusal("bob", "GET /api/users"), CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(2));

        await _recorder.FlushAsync(CancellationToken.None);

        Assert.Single(_trail.Records);
    }

    [Fact]
    public async Task FlushAllAsync_Stopping_WritesFoldedCountOfTheRunningMinute()
    {
        for (var i = 0; i < 5; i++)
        {
            await _recorder.RecordAsync(Refusal("bob", "GET /api/users"), CancellationToken.None);
        }

        await _recorder.FlushAllAsync(CancellationToken.None);

        Assert.Equal("2 more denied requests", _trail.Records[^1].Target);
    }

    [Fact]
    public void Validate_DeniedAuditPerMinuteZero_NamesTheKey()
    {
        var result = new SecurityOptionsValidator().Validate(null, new SecurityOptions { DeniedAuditPerMinute = 0 });

        Assert.Contains(result.Failures!, f => f.StartsWith("RhvDr:Security:DeniedAuditPerMinute '0' must be between 1 and 10000", StringComparison.Ordinal));
    }

    private static DeniedAccess Refusal(string actor, string what) => new(actor, "10.0.0.9", what, "403: needs the Administrator role");
}
