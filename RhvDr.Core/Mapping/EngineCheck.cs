using System.Globalization;

namespace RhvDr.Core.Mapping;

/// <summary>The result of reaching a side's engine, checked elsewhere and reported with the mapping findings.</summary>
/// <param name="Message">What the engine answered, or why it could not be read.</param>
public sealed record EngineCheck(MappingSide Side, bool Reachable, string Message)
{
    /// <summary>The configured site's name, for the words operators read; the mapping side's name when not given.</summary>
    public string? Site { get; init; }

    /// <summary>
    /// A disaster run declares this side's site lost: its engine not answering is the premise, not a problem. The side is
    /// then checked against <see cref="LastInventoryReadAt"/>'s inventory, or not at all when the console never read it.
    /// </summary>
    public bool Lost { get; init; }

    /// <summary>When the last inventory of a lost site that does not answer was read; null when there is none.</summary>
    public DateTimeOffset? LastInventoryReadAt { get; init; }

    /// <summary>How old that inventory was when the mapping was checked against it.</summary>
    public TimeSpan LastInventoryAge { get; init; }

    public bool CheckedAgainstLastInventory => !Reachable && Lost && LastInventoryReadAt is not null;

    /// <summary>How this side was checked, in one line, e.g. "Primary checked against its last inventory, read 3 min ago (the engine does not answer)".</summary>
    public string Summary
    {
        get
        {
            var name = Site is { Length: > 0 } site ? site : DrMappingKeys.SideName(Side);
            name = char.ToUpperInvariant(name[0]) + name[1..];
            if (Reachable)
            {
                return $"{name} checked live";
            }

            if (LastInventoryReadAt is { } readAt && Lost)
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"{name} checked against its last inventory, read {Age(LastInventoryAge)} ago at {readAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC (the engine does not answer)");
            }

            return Lost
                ? $"{name} not checked: the engine does not answer and the console has not read it since it started (the last inventory is kept in memory only, not across restarts)"
                : $"{name} not checked: the engine does not answer";
        }
    }

    /// <summary>"42 s", "3 min", "2 h 5 min", "4 days".</summary>
    public static string Age(TimeSpan age)
    {
        if (age < TimeSpan.Zero)
        {
            age = TimeSpan.Zero;
        }

        return age.TotalSeconds < 60 ? $"{(int)age.TotalSeconds} s"
            : age.TotalMinutes < 60 ? $"{(int)age.TotalMinutes} min"
            : age.TotalHours < 24 ? $"{(int)age.TotalHours} h {age.Minutes} min"
            : $"{(int)age.TotalDays} days";
    }
}
