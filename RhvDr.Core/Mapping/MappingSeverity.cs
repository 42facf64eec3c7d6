namespace RhvDr.Core.Mapping;

public enum MappingSeverity
{
    Info,
    Warning,
    Error,
}
