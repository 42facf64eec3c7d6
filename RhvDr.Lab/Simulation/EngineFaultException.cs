namespace RhvDr.Lab.Simulation;

/// <summary>What the engine answers as a fault: <c>{"reason":"Operation Failed","detail":"[Cannot ...]"}</c> with an HTTP status.</summary>
public sealed class EngineFaultException(int statusCode, string detail, string reason = "Operation Failed") : Exception(detail)
{
    public int StatusCode { get; } = statusCode;

    public string Reason { get; } = reason;

    public string Detail { get; } = detail;

    public static EngineFaultException NotFound(string kind, string id) => new(404, $"Entity not found: {kind}: id={id}", "Operation Failed");

    /// <summary>A rule the engine enforces (a "can do action" check): 409 with the engine's bracketed message.</summary>
    public static EngineFaultException Conflict(string message) => new(409, $"[{message}]");

    public static EngineFaultException BadRequest(string message) => new(400, $"[{message}]");
}
