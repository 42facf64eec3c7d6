namespace RhvDr.Lab.Resources;

/// <summary>The type of a scalar: the engine's JSON writes booleans and numbers as strings but dates as epoch milliseconds.</summary>
public enum ResourceValueKind
{
    Text,
    Boolean,
    Number,
    Date,
}
