namespace RhvDr.Core.Engines;

/// <summary>What TLS looked like: how trust is decided, whether the presented certificate passed, and that certificate.</summary>
/// <param name="TrustSource">The CA file's path, or the pinned fingerprint; null for the system store.</param>
public sealed record EngineTlsFacts(EngineTrust Trust, string? TrustSource, bool Trusted, EngineCertificateFacts? Certificate);
