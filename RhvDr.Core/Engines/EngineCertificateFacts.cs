namespace RhvDr.Core.Engines;

/// <summary>The certificate the engine presented.</summary>
/// <param name="Sha256">SHA-256 of the certificate in hex with ':' separators, as <c>CaFingerprint</c> takes it.</param>
/// <param name="DaysLeft">Whole days until <paramref name="NotAfter"/>; negative once expired.</param>
public sealed record EngineCertificateFacts(string Subject, string Issuer, DateTimeOffset NotBefore, DateTimeOffset NotAfter, int DaysLeft, string Sha256);
