namespace RhvDr.Lab.Control;

/// <summary>The lab as <c>GET /lab/control</c> answers it.</summary>
public sealed record LabStatus(string Scenario, double TimeScale, IReadOnlyList<LabSiteStatus> Sites, LabFaults Faults);
