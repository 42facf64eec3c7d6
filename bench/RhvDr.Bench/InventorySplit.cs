using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using RhvDr.Core.Monitoring;
using RhvDr.Core.Ovirt;
using RhvDr.Lab;

namespace RhvDr.Bench;

/// <summary>
/// The full poll taken apart. The console's side: the same collector over the answers one poll received, served from memory
/// (no lab, no sockets): reading the bodies, parsing the engine's JSON, mapping to the inventory. The lab's side: the same
/// requests sent raw to the lab after its state moved on (so nothing is served from its answer cache), bodies read and
/// dropped: rendering plus loopback transfer. Both sites at once in each, as the poll does.
/// </summary>
public static class InventorySplit
{
    public sealed record Result(double ConsoleMedianMs, double ConsoleAllocatedMb, double LabMedianMs, double LabAllocatedMb, double AnswerMb);

    public static async Task<Result> RunAsync(LabServer lab, int repeats, CancellationToken ct)
    {
        var collector = new SiteInventoryCollector(null!, TimeProvider.System);
        var recorded = new List<(LabSiteEndpoint Site, RecordingHandler Recorder)>();
        foreach (var site in lab.Sites)
        {
            var recorder = new RecordingHandler { InnerHandler = new SocketsHttpHandler() };
            using var http = new HttpClient(recorder, disposeHandler: false);
            await collector.CollectAsync(new OvirtEngineClient(http, Endpoint(site)), ct);
            recorded.Add((site, recorder));
        }

        var answerMb = recorded.Sum(r => r.Recorder.Answers.Values.Sum(a => a.Body.Length)) / 1048576.0;

        // The console's side, from memory.
        var consoleTimes = new List<double>();
        var consoleAllocated = new List<double>();
        for (var i = 0; i < repeats + 1; i++)
        {
            var clients = recorded.Select(r => new OvirtEngineClient(new HttpClient(new ReplayHandler(r.Recorder.Answers)), Endpoint(r.Site))).ToList();
            var (ms, mb) = await MeasureAsync(() => Task.WhenAll(clients.Select(c => collector.CollectAsync(c, ct))));
            if (i > 0)
            {
                consoleTimes.Add(ms);
                consoleAllocated.Add(mb);
            }
        }

        // The lab's side, raw: a new state version before each round, so every answer is rendered again.
        using var raw = new HttpClient(new SocketsHttpHandler());
        var labTimes = new List<double>();
        var labAllocated = new List<double>();
        for (var i = 0; i < repeats + 1; i++)
        {
            lab.Simulation.Faults = lab.Simulation.Faults;
            var (ms, mb) = await MeasureAsync(() => Task.WhenAll(recorded.SelectMany(r => r.Recorder.Answers.Select(a => FetchAsync(raw, r.Recorder, a.Key, ct)))));
            if (i > 0)
            {
                labTimes.Add(ms);
                labAllocated.Add(mb);
            }
        }

        foreach (var (_, recorder) in recorded)
        {
            recorder.Dispose();
        }

        return new Result(Percentiles.Median(consoleTimes), Percentiles.Median(consoleAllocated), Percentiles.Median(labTimes), Percentiles.Median(labAllocated), answerMb);
    }

    private static EngineEndpoint Endpoint(LabSiteEndpoint site) => new(site.EngineUrl, site.Username, site.Password, EngineTlsOptions.SystemTrust);

    private static async Task<(double Ms, double Mb)> MeasureAsync(Func<Task> poll)
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        await poll();
        clock.Stop();
        return (clock.Elapsed.TotalMilliseconds, (GC.GetTotalAllocatedBytes(precise: true) - before) / 1048576.0);
    }

    private static async Task FetchAsync(HttpClient http, RecordingHandler recorder, Uri uri, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Authorization = recorder.Authorization;
        request.Headers.Add("Version", "4");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        await body.CopyToAsync(Stream.Null, ct);
    }

    /// <summary>Keeps every GET answer's body and the token the client sent.</summary>
    private sealed class RecordingHandler : DelegatingHandler
    {
        public ConcurrentDictionary<Uri, (byte[] Body, string? MediaType)> Answers { get; } = new();

        public AuthenticationHeaderValue? Authorization { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (request.Method != HttpMethod.Get || !response.IsSuccessStatusCode)
            {
                return response;
            }

            Authorization = request.Headers.Authorization;
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            Answers[request.RequestUri!] = (body, mediaType);
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = response.Content.Headers.ContentType;
            response.Content = content;
            return response;
        }
    }

    /// <summary>Answers the sign-in and every recorded GET from memory.</summary>
    private sealed class ReplayHandler(ConcurrentDictionary<Uri, (byte[] Body, string? MediaType)> answers) : HttpMessageHandler
    {
        private static readonly byte[] Token = "{\"access_token\":\"replay\",\"token_type\":\"bearer\"}"u8.ToArray();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var (body, mediaType) = request.Method == HttpMethod.Post ? (Token, "application/json") : answers[request.RequestUri!];
            var content = new StreamContent(new MemoryStream(body, writable: false));
            content.Headers.ContentType = new MediaTypeHeaderValue(mediaType ?? "application/json");
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
        }
    }
}
