namespace RhvDr.Core.Ovirt;

/// <summary>The body of an engine error: <c>{"reason": ..., "detail": ...}</c>.</summary>
public sealed record OvirtFault
{
    public string? Reason { get; init; }

    public string? Detail { get; init; }
}
