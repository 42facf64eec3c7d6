using Microsoft.AspNetCore.Http;
using RhvDr.Lab.Resources;

namespace RhvDr.Lab.Api;

/// <summary>
/// The single request entry of one listening port: lab paths go to the control API; engine paths go to the engine, unless its
/// site is down, in which case the connection is aborted so a client sees a network failure, never an HTTP answer.
/// </summary>
public sealed class LabRequestHandler(LabControlApi control, EngineApi? engine, string? caPem = null)
{
    /// <summary>Where a real engine hands out its CA, without sign-in.</summary>
    public const string PkiResourcePath = "/ovirt-engine/services/pki-resource";

    public Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (path.Equals("/lab", StringComparison.OrdinalIgnoreCase) || path.StartsWith("/lab/", StringComparison.OrdinalIgnoreCase))
        {
            return control.HandleAsync(context, path, context.RequestAborted);
        }

        if (engine is not null)
        {
            foreach (var prefix in new[] { ApiPaths.VersionedBase, ApiPaths.Base })
            {
                if (path.StartsWith(prefix + "/lab/", StringComparison.OrdinalIgnoreCase) || path.Equals(prefix + "/lab", StringComparison.OrdinalIgnoreCase))
                {
                    return control.HandleAsync(context, path[prefix.Length..], context.RequestAborted);
                }
            }

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
