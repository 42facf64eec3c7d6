using System.Globalization;

namespace RhvDr.Console.Model;

/// <summary>SVG polyline points for a small history chart.</summary>
public static class Sparkline
{
    /// <summary>Points "x,y x,y ..." scaling <paramref name="values"/> from 0..<paramref name="max"/> into a width × height box (y grows down).</summary>
    public static string Points(IReadOnlyList<double> values, double max, double width, double height)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return string.Empty;
        }
        var top = max <= 0 ? 1 : max;
        var step = values.Count == 1 ? 0 : width / (values.Count - 1);
        return string.Join(' ', values.Select((v, i) =>
        {
            var x = values.Count == 1 ? width : i * step;
            var y = height - Math.Clamp(v / top, 0, 1) * height;
            return string.Create(CultureInfo.InvariantCulture, $"{x:0.#},{y:0.#}");
        }));
    }
}
