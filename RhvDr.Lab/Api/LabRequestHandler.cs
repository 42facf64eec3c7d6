using Microsoft.AspNetCore.Http;

namespace RhvDr.Lab.Api;

/// <summary>
/// The single request entry of one listening port. The control port serves the lab's control API (<c>/lab/...</c>) and
/// nothing else; an engine port serves only its engine (a lab path there is a path the engine does not know), unless its
/// site is down, in which case the connection is aborted so a client sees a network failure, never an HTTP answer.
/// </summary>
public sealed class LabRequestHandler(LabControlApi control, EngineApi? engine, string? caPem = null)
{
    /// <summary>Where a real engine hands out its CA, without sign-in.</summary>
    public const string PkiResourcePath = "/ovirt-engine/services/pki-resource";

    public Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (engine is null && (path.Equals("/lab", StringComparison.OrdinalIgnoreCase) || path.StartsWith("/lab/", StringComparison.OrdinalIgnoreCase)))
        {
            return control.HandleAsync(context, path, context.RequestAborted);
        }

        if (engine is not null)
        {
            if (engine.Engine.Down)
            {
                context.Abort();
                return Task.CompletedTask;
            }

            if (path.Equals(PkiResourcePath, StringComparison.OrdinalIgnoreCase))
            {
                return ServeCaAsync(context);
            }

            return engine.HandleAsync(context, context.RequestAborted);
        }

        context.Response.StatusCode = 404;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync("{\"error\":\"The control port serves /lab/control and /lab/array only.\"}", context.RequestAborted);
    }

    private Task ServeCaAsync(HttpContext context)
    {
        var resource = context.Request.Query["resource"].ToString();
        if (caPem is null || !string.Equals(resource, "ca-certificate", StringComparison.Ordinal))
        {
            context.Response.StatusCode = 404;
            return Task.CompletedTask;
        }

        context.Response.ContentType = "application/x-x509-ca-cert";
        return context.Response.WriteAsync(caPem, context.RequestAborted);
    }
}
