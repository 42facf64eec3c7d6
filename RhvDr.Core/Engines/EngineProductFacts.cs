namespace RhvDr.Core.Engines;

/// <summary>The engine product and version from <c>GET /ovirt-engine/api</c> (<c>product_info</c>).</summary>
/// <param name="Version">The full version as the engine writes it, e.g. <c>4.5.5-1.el8</c>, or major.minor.build.revision.</param>
/// <param name="ApiVersion">The REST API version the engine answered in (the console asks for 4).</param>
/// <param name="Supported">Whether the version is in <see cref="EngineVersionSupport.Range"/>.</param>
public sealed record EngineProductFacts(string? Name, string? Version, int? Major, int? Minor, int? Build, int? Revision, string ApiVersion, bool Supported);
