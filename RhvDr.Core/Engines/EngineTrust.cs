namespace RhvDr.Core.Engines;

/// <summary>How the console decides to trust an engine's certificate (the same decision its engine clients make).</summary>
public enum EngineTrust
{
    /// <summary>Only certificates issued by the CA in <c>CaFile</c>.</summary>
    CaFile,

    /// <summary>Only the certificate (or a CA in its chain) with the SHA-256 in <c>CaFingerprint</c>.</summary>
    CaFingerprint,

    /// <summary>The operating system's trust store.</summary>
    SystemStore,

    /// <summary><c>Insecure</c>: any certificate.</summary>
    Insecure,

    /// <summary>An <c>http://</c> URL: no TLS at all.</summary>
    PlainHttp,
}
