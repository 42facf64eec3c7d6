namespace RhvDr.Core.Recovery;

/// <summary>Planned: both sites answer and the source is shut down cleanly. Disaster: the source is gone.</summary>
public enum RunMode
{
    Planned,
    Disaster,
}
