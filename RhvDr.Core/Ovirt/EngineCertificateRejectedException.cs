namespace RhvDr.Core.Ovirt;

/// <summary>
/// Thrown by <see cref="EngineCertificateValidator"/> instead of answering false: the handler then wraps it as the inner
/// exception of its TLS error, so the client can say why the certificate was refused, not only that it was.
/// </summary>
internal sealed class EngineCertificateRejectedException(string reason) : Exception(reason)
{
    /// <summary>Why, in words, e.g. "the engine's certificate was not issued by the CA in /etc/ca.pem ...".</summary>
    public string Reason { get; } = reason;
}
