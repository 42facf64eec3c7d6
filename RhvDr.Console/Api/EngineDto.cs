using RhvDr.Core.Sites;

namespace RhvDr.Console.Api;

/// <summary>A site's engine connection in API answers: where it is and how the last poll went; never credentials.</summary>
public sealed record EngineDto(string Url, EngineConnectionStatus Status, bool Reachable, string? Message, DateTimeOffset? LastAttempt, DateTimeOffset? LastSuccess)
{
    public static EngineDto From(SiteDescriptor site, EngineState state) =>
        new(site.EngineUrl, state.Status, state.IsReachable, state.Message, state.LastAttempt, state.LastSuccess);
}
