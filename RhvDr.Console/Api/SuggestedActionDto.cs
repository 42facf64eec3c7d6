using RhvDr.Console.Model;
using RhvDr.Core.Incidents;

namespace RhvDr.Console.Api;

/// <summary>A suggested next action; <see cref="Link"/> opens the run wizard with the run filled in.</summary>
public sealed record SuggestedActionDto(string Title, string Detail, string? Link)
{
    public static SuggestedActionDto From(SuggestedAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return new SuggestedActionDto(action.Title, action.Detail, IncidentPresentation.LinkFor(action.Run));
    }
}
