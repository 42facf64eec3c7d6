using System.Diagnostics.Metrics;
using RhvDr.Core.Monitoring;

namespace RhvDr.Core.Readiness;

/// <summary>
/// Gauges for <c>/metrics</c>, read from the stores at scrape time: <c>rhvdr_readiness_score</c>,
/// <c>rhvdr_readiness_status</c> (0 go, 1 warn, 2 no-go), <c>rhvdr_replication_lag_seconds{domain}</c>,
/// <c>rhvdr_site_up{site}</c>, <c>rhvdr_hosts{site,status}</c>, <c>rhvdr_vms{site,status}</c>.
/// </summary>
public sealed class ReadinessMetrics : IDisposable
{
    public const string MeterName = "RhvDr";

    private readonly Meter _meter = new(MeterName);

    public ReadinessMetrics(IReadinessStore readiness, IInventoryStore inventory)
    {
        _meter.CreateObservableGauge("rhvdr_readiness_score", () => Evaluated(readiness).Select(r => new Measurement<int>(r.Score)),
            description: "Readiness score, 0-100");
        _meter.CreateObservableGauge("rhvdr_readiness_status", () => Evaluated(readiness).Select(r => new Measurement<int>(StatusValue(r.Verdict))),
            description: "Readiness verdict: 0 go, 1 warn, 2 no-go");
        _meter.CreateObservableGauge("rhvdr_replication_lag_seconds", () => inventory.Current.Sites
                .SelectMany(s => s.Replication)
                .DistinctBy(p => p.Id, StringComparer.Ordinal)
                .Select(p => new Measurement<double>(p.LagSeconds, new KeyValuePair<string, object?>("domain", p.DomainName))),
            description: "How far each replicated storage domain's replica is behind, in seconds");
        _meter.CreateObservableGauge("rhvdr_site_up", () => inventory.Current.Sites
                .Select(s => new Measurement<int>(s.Engine.IsReachable ? 1 : 0, new KeyValuePair<string, object?>("site", s.Site.Name))),
            description: "1 when the site's engine answered the last poll");
        _meter.CreateObservableGauge("rhvdr_hosts", () => inventory.Current.Sites
                .SelectMany(s => s.Health.HostsByStatus.Select(c => new Measurement<int>(c.Count,
                    new KeyValuePair<string, object?>("site", s.Site.Name), new KeyValuePair<string, object?>("status", c.Status)))),
            description: "Hosts by site and status");
        _meter.CreateObservableGauge("rhvdr_vms", () => inventory.Current.Sites
                .SelectMany(s => s.Health.VmsByStatus.Select(c => new Measurement<int>(c.Count,
                    new KeyValuePair<string, object?>("site", s.Site.Name), new KeyValuePair<string, object?>("status", c.Status)))),
            description: "VMs by site and status");
    }

    public static int StatusValue(ReadinessVerdict verdict) => verdict switch
    {
        ReadinessVerdict.Go => 0,
        ReadinessVerdict.Warn => 1,
        _ => 2,
    };

    private static IEnumerable<ReadinessReport> Evaluated(IReadinessStore store)
    {
        var report = store.Current;
        return report.IsEvaluated ? [report] : [];
    }

    public void Dispose() => _meter.Dispose();
}
