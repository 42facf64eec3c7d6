namespace RhvDr.Core.Mapping;

/// <summary>The two sites of a mapping file: <c>primary</c> runs the workload, <c>secondary</c> recovers it.</summary>
public enum MappingSide
{
    Primary,
    Secondary,
}
