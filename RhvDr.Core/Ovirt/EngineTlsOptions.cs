namespace RhvDr.Core.Ovirt;

/// <summary>How the console decides to trust an engine's certificate.</summary>
/// <param name="CaFile">PEM file of the engine CA; when set, only that CA is trusted.</param>
/// <param name="CaFingerprint">SHA-256 of the server certificate in hex; when set, only that certificate is accepted.</param>
/// <param name="Insecure">Accept any certificate (explicit opt-in only).</param>
public sealed record EngineTlsOptions(string? CaFile, string? CaFingerprint, bool Insecure)
{
    /// <summary>The operating system's trust store.</summary>
    public static EngineTlsOptions SystemTrust { get; } = new(null, null, false);
}
