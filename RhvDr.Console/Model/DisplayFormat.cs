namespace RhvDr.Console.Model;

/// <summary>Short, operator-friendly durations: "just now", "42 s", "3 min", "2 h 5 min", "4 days".</summary>
public static class DisplayFormat
{
    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }
        return span.TotalSeconds < 60 ? $"{(int)span.TotalSeconds} s"
            : span.TotalMinutes < 60 ? $"{(int)span.TotalMinutes} min"
            : span.TotalHours < 24 ? (span.Minutes == 0 ? $"{(int)span.TotalHours} h" : $"{(int)span.TotalHours} h {span.Minutes} min")
            : $"{(int)span.TotalDays} days";
    }

    /// <summary>"just now", "3 min ago", or "never" when there is no time.</summary>
    public static string Ago(DateTimeOffset? time, DateTimeOffset now) =>
        time is not { } t ? "never"
        : now - t < TimeSpan.FromSeconds(5) ? "just now"
        : $"{Duration(now - t)} ago";

    /// <summary>Bytes in binary units, e.g. "1.5 TiB".</summary>
    public static string Bytes(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? $"{bytes} B" : $"{value:0.#} {units[unit]}";
    }
}
