using System.Net;

namespace RhvDr.Core.Ovirt;

/// <summary>The engine answered, but with a fault (<c>{"reason","detail"}</c>) or an error status.</summary>
public sealed class OvirtFaultException(string reason, string? detail, HttpStatusCode statusCode, string engine = "engine")
    : EngineException(engine, Describe(reason, detail, engine))
{
    /// <summary>The engine's short reason, e.g. <c>Operation Failed</c>.</summary>
    public string Reason { get; } = reason;

    /// <summary>The engine's detail, e.g. <c>[Cannot attach Storage. Storage Domain is already attached.]</c>.</summary>
    public string? Detail { get; } = detail;

    public HttpStatusCode StatusCode { get; } = statusCode;

    private static string Describe(string reason, string? detail, string engine) =>
        string.IsNullOrWhiteSpace(detail) ? $"{engine} answered: {reason}" : $"{engine} answered: {reason}: {detail}";
}
