using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Primitives;
using RhvDr.Console.Api;
using RhvDr.Core.Audit;

namespace RhvDr.Tests.Audit;

/// <summary>The API's handlers called directly: the HTTP pipeline (and its authorization) is the host's concern.</summary>
public sealed class AuditApiTests : IAsyncLifetime
{
    private readonly AuditDatabase _db = new();

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        await _db.AppendManyAsync(6);
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    [Theory]
    [InlineData("from", "yesterday")]
    [InlineData("to", "01/03/2026")]
    [InlineData("limit", "lots")]
    public void TryParseQuery_BadValue_ProblemNamesParameter(string name, string value)
    {
        var ok = AuditApi.TryParseQuery(Query((name, value)), 500, out _, out var problem);

        Assert.False(ok);
        Assert.Equal(StatusCodes.Status400BadRequest, problem!.StatusCode);
        Assert.Equal(name, problem.ProblemDetails.Extensions["parameter"]);
        Assert.Contains($"'{name}' must be", problem.ProblemDetails.Detail, StringComparison.Ordinal);
        Assert.Contains(value, problem.ProblemDetails.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParseQuery_DateOnlyRange_CoversWholeDays()
    {
        var ok = AuditApi.TryParseQuery(Query(("from", "2026-03-01"), ("to", "2026-03-02"), ("actor", " alice "), ("action", "run.")), 500, out var query, out _);

        Assert.True(ok);
        Assert.Equal(new AuditQuery("alice", "run.", null, new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 3, 0, 0, 0, TimeSpan.Zero), 500), query);
    }

    [Fact]
    public void TryParseQuery_OffsetPlusDecodedAsSpace_StillParses()
    {
        var ok = AuditApi.TryParseQuery(Query(("from", "2026-03-01T12:00:00 02:00"), ("to", "2026-03-01T12:00:00Z"), ("limit", "20")), 500, out var query, out _);

        Assert.True(ok);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero), query!.From);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero), query.To);
        Assert.Equal(20, query.Limit);
    }

    [Fact]
    public async Task ListAsync_ActorFilter_ReturnsMatchingNewestFirst()
    {
        var result = await AuditApi.ListAsync(Request(("actor", "alice")), _db.Trail, CancellationToken.None);

        var ok = Assert.IsType<Ok<IReadOnlyList<AuditRecord>>>(result.Result);
        Assert.Equal([6L, 4L, 2L], ok.Value!.Select(r => r.Sequence));
    }

    [Fact]
    public async Task ExportAsync_BadFormat_ProblemNamesFormat()
    {
        var result = await AuditApi.ExportAsync(Request(("format", "xlsx")), _db.Trail, _db.Clock, CancellationToken.None);

        var problem = Assert.IsType<ProblemHttpResult>(result.Result);
        Assert.Equal(StatusCodes.Status400BadRequest, problem.StatusCode);
        Assert.Equal("'format' must be csv or json; got 'xlsx'.", problem.ProblemDetails.Detail);
    }

    [Fact]
    public async Task ExportAsync_Csv_DownloadsFileWithEveryEntry()
    {
        var result = await AuditApi.ExportAsync(Request(("format", "csv")), _db.Trail, _db.Clock, CancellationToken.None);

        var file = Assert.IsType<FileContentHttpResult>(result.Result);
        Assert.Equal("rhvdr-audit-20260301T120006Z.csv", file.FileDownloadName);
        Assert.StartsWith("text/csv", file.ContentType, StringComparison.Ordinal);
        var lines = Encoding.UTF8.GetString(file.FileContents.Span).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(7, lines.Length);
        Assert.StartsWith("6,", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportAsync_Json_RoundTripsRecords()
    {
        var result = await AuditApi.ExportAsync(Request(("format", "json"), ("action", "run.")), _db.Trail, _db.Clock, CancellationToken.None);

        var file = Assert.IsType<FileContentHttpResult>(result.Result);
        Assert.EndsWith(".json", file.FileDownloadName, StringComparison.Ordinal);
        var records = AuditExport.FromJson(Encoding.UTF8.GetString(file.FileContents.Span));
        Assert.Equal([6L, 3L], records.Select(r => r.Sequence));
    }

    [Fact]
    public async Task VerifyAsync_IntactTrail_ReturnsIntact()
    {
        var result = await AuditApi.VerifyAsync(_db.Trail, CancellationToken.None);

        Assert.Equal(new AuditVerification(true, 6, null, null), result.Value);
    }

    private static QueryCollection Query(params (string Name, string Value)[] values) =>
        new(values.ToDictionary(v => v.Name, v => new StringValues(v.Value)));

    private static HttpRequest Request(params (string Name, string Value)[] values)
    {
        var context = new DefaultHttpContext();
        context.Request.Query = Query(values);
        return context.Request;
    }
}
