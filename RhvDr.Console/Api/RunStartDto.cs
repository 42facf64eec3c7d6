namespace RhvDr.Console.Api;

/// <summary>
/// The body of <c>POST /api/runs</c>: kind failover|failback|test|cleanup (Active/Passive) or evacuate|return (Active/Active),
/// mode planned|disaster; <see cref="Source"/>: the site to evacuate, or the evacuated site to return to (other kinds: when
/// given, the site the kind runs from); <see cref="Target"/>: when given, the site the run goes to. Both must be configured sites.
/// <see cref="Plan"/>: the recovery plan to run (failover, failback, test, cleanup); left out or "all", the whole estate.
/// </summary>
public sealed record RunStartDto(string? Kind, string? Mode, string? ConfirmSite, string? OverrideReason, string? Source = null, string? Target = null, string? Plan = null);
