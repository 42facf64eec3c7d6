namespace RhvDr.Lab;

/// <summary>How to reach one simulated engine: what a console site configuration needs.</summary>
public sealed record LabSiteEndpoint(string Name, string DataCenter, Uri EngineUrl, string Username, string Password);
