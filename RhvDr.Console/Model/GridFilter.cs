using RhvDr.Core.Sites;

namespace RhvDr.Console.Model;

/// <summary>What an operator narrowed an inventory grid to. Null or empty means "any".</summary>
/// <param name="Site">Site name (<see cref="SiteDescriptor.Name"/>), or null for both sites.</param>
/// <param name="Search">Free text matched against names and related objects, case-insensitive.</param>
/// <param name="Health">Only rows at this health level.</param>
/// <param name="Status">Only rows with this engine status value (e.g. <c>up</c>, <c>non_responsive</c>).</param>
public sealed record GridFilter(string? Site = null, string? Search = null, HealthLevel? Health = null, string? Status = null)
{
    public static GridFilter None { get; } = new();
}
