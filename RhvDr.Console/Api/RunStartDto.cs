namespace RhvDr.Console.Api;

/// <summary>The body of <c>POST /api/runs</c>: kind failover|failback|test|cleanup, mode planned|disaster.</summary>
public sealed record RunStartDto(string? Kind, string? Mode, string? ConfirmSite, string? OverrideReason);
