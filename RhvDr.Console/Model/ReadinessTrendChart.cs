using System.Globalization;
using RhvDr.Core.Readiness;

namespace RhvDr.Console.Model;

/// <summary>The readiness trend as SVG geometry: a score line (0-100) over the chosen days, with the worst verdict per bucket.</summary>
public sealed class ReadinessTrendChart
{
    public const double Width = 600;
    public const double Height = 120;

    public ReadinessTrendChart(IReadOnlyList<ReadinessTrendPoint> points, DateTimeOffset from, DateTimeOffset to)
    {
        Points = points;
        var span = Math.Max(1, (to - from).TotalMilliseconds);
        string Xy(ReadinessTrendPoint p) => string.Create(CultureInfo.InvariantCulture,
            $"{Math.Clamp((p.Time - from).TotalMilliseconds / span, 0, 1) * Width:0.#},{Height - (p.MinScore / 100.0 * Height):0.#}");
        Polyline = string.Join(' ', points.Select(Xy));
        Markers = points.Select(p =>
        {
            var xy = Xy(p).Split(',');
            return new Marker(xy[0], xy[1], ReadinessText.Verdict(p.WorstVerdict),
                string.Create(CultureInfo.InvariantCulture, $"{p.Time:yyyy-MM-dd HH:mm} UTC: score {p.MinScore} (worst), {ReadinessText.Verdict(p.WorstVerdict)}"));
        }).ToList();
    }

    public IReadOnlyList<ReadinessTrendPoint> Points { get; }

    /// <summary>SVG <c>points</c> of the worst score per bucket.</summary>
    public string Polyline { get; }

    public IReadOnlyList<Marker> Markers { get; }

    public bool IsEmpty => Points.Count == 0;

    public sealed record Marker(string X, string Y, string Verdict, string Tooltip);
}
