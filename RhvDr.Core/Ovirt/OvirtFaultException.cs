using System.Net;

namespace RhvDr.Core.Ovirt;

/// <summary>The engine answered, but with a fault (<c>{"reason","detail"}</c>), an error status, or a body that is not the API's.</summary>
public sealed class OvirtFaultException : EngineException
{
    public OvirtFaultException(string reason, string? detail, HttpStatusCode statusCode, string engine = "engine")
        : this(engine, EngineFailureKind.Fault, reason, detail, statusCode, Describe(reason, detail, engine))
    {
    }

    /// <summary>With words made by <see cref="EngineFailures"/>.</summary>
    internal OvirtFaultException(string engine, EngineFailureKind kind, string reason, string? detail, HttpStatusCode statusCode, string message)
        : base(engine, kind, message)
    {
        Reason = reason;
        Detail = detail;
        StatusCode = statusCode;
    }

    /// <summary>The engine's short reason, e.g. <c>Operation Failed</c>.</summary>
    public string Reason { get; }

    /// <summary>The engine's detail, e.g. <c>[Cannot attach Storage. Storage Domain is already attached.]</c>.</summary>
    public string? Detail { get; }

    public HttpStatusCode StatusCode { get; }

    internal static string Describe(string reason, string? detail, string engine) =>
        string.IsNullOrWhiteSpace(detail) ? $"engine {engine} answered with a fault: {reason}" : $"engine {engine} answered with a fault: {reason}: {detail}";
}
