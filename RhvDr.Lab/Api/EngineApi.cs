using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;
using Microsoft.AspNetCore.Http;
using RhvDr.Lab.Resources;
using RhvDr.Lab.Simulation;

namespace RhvDr.Lab.Api;

/// <summary>
/// One engine's oVirt REST API v4 over HTTP: SSO tokens, Basic auth, content negotiation (JSON on request, XML by default),
/// faults, and the routes of DESIGN §5. Rendering happens under the simulation lock; GET answers are cached per state version.
/// </summary>
public sealed partial class EngineApi(LabSimulation simulation, SimEngine engine, TokenStore tokens)
{
    private const int MaxCachedAnswers = 512;
    private readonly ConcurrentDictionary<string, (long Version, byte[] Body, int Status)> _cache = new(StringComparer.Ordinal);

    /// <summary>The state version the cached answers belong to; answers of older versions can never be served again.</summary>
    private long _cachedVersion = -1;

    public SimEngine Engine => engine;

    public TokenStore Tokens => tokens;

    public async Task HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var path = context.Request.Path.Value ?? "";
        if (path.Equals(ApiPaths.Token, StringComparison.OrdinalIgnoreCase))
        {
            await HandleTokenAsync(context, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (path.Equals("/ovirt-engine/services/sso-logout", StringComparison.OrdinalIgnoreCase))
        {
            // SDKs log out on close; the lab's tokens simply expire.
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{}", cancellationToken).ConfigureAwait(false);
            return;
        }

        string relative;
        if (path.StartsWith(ApiPaths.VersionedBase, StringComparison.OrdinalIgnoreCase) && (path.Length == ApiPaths.VersionedBase.Length || path[ApiPaths.VersionedBase.Length] == '/'))
        {
            relative = path[ApiPaths.VersionedBase.Length..];
        }
        else if (path.StartsWith(ApiPaths.Base, StringComparison.OrdinalIgnoreCase) && (path.Length == ApiPaths.Base.Length || path[ApiPaths.Base.Length] == '/'))
        {
            relative = path[ApiPaths.Base.Length..];
        }
        else
        {
            await WriteAsync(context, new ApiResponse(404, EngineRenderer.Fault("Not Found", $"No resource at {path}")), cancellationToken).ConfigureAwait(false);
            return;
        }

        var account = Authenticate(context);
        if (account is null)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"RESTAPI\"";
            await WriteAsync(context, new ApiResponse(401, EngineRenderer.Fault("Unauthorized", "Authentication required: use a token from /ovirt-engine/sso/oauth/token or Basic credentials")), cancellationToken).ConfigureAwait(false);
            return;
        }

        var faults = simulation.Faults;
        if (faults.LatencyMs > 0)
        {
            await Task.Delay(faults.LatencyMs, cancellationToken).ConfigureAwait(false);
        }

        if (faults.ErrorRate > 0 && Random.Shared.NextDouble() < faults.ErrorRate)
        {
            await WriteAsync(context, new ApiResponse(503, EngineRenderer.Fault("Service Unavailable", "[Lab fault injection: the engine is temporarily unable to serve the request]")), cancellationToken).ConfigureAwait(false);
            return;
        }

        var segments = relative.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var method = context.Request.Method;
        ApiResponse response;
        try
        {
            if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method))
            {
                // The API root names the signed-in user, so answers are cached per user.
                var key = CacheKey(context, account, relative);
                var version = simulation.Version;
                if (_cache.TryGetValue(key, out var cached) && cached.Version == version)
                {
                    await WriteBytesAsync(context, cached.Status, cached.Body, cancellationToken).ConfigureAwait(false);
                    return;
                }

                response = Get(segments, context.Request.Query, account);
                if (response.StatusCode == 200)
                {
                    // Stamped with the version read before rendering: a change during rendering only makes the entry stale sooner.
                    var bytes = Render(context, response);

                    // Stale answers go as soon as the state moves on: at thousands of VMs one list is tens of MB.
                    if (Interlocked.Exchange(ref _cachedVersion, version) != version || _cache.Count > MaxCachedAnswers)
                    {
                        _cache.Clear();
                    }

                    _cache[key] = (version, bytes, 200);
                    await WriteBytesAsync(context, 200, bytes, cancellationToken).ConfigureAwait(false);
                    return;
                }
            }
            else
            {
                var body = await ReadBodyAsync(context.Request, cancellationToken).ConfigureAwait(false);
                var options = new ActionOptions(
                    Correlation(context.Request),
                    IsTrue(context.Request.Query["async"]) || (body.BoolAt("async") ?? false));
                response = HttpMethods.IsPost(method) ? await PostAsync(segments, body, options, cancellationToken).ConfigureAwait(false)
                    : HttpMethods.IsDelete(method) ? await DeleteAsync(segments, context.Request.Query, options, cancellationToken).ConfigureAwait(false)
                    : new ApiResponse(405, EngineRenderer.Fault("Method Not Allowed", $"{method} is not supported by the lab on {relative}"));
            }
        }
        catch (EngineFaultException fault)
        {
            response = new ApiResponse(fault.StatusCode, EngineRenderer.Fault(fault.Reason, fault.Detail));
        }
        catch (Exception ex) when (ex is FormatException or JsonException or XmlException)
        {
            response = new ApiResponse(400, EngineRenderer.Fault("Bad Request", ex.Message));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Whatever the lab cannot answer still answers in the engine's fault format, never as a bare 500 or a stack trace.
            response = new ApiResponse(500, EngineRenderer.Fault("Operation Failed", $"[The lab could not serve {method} {relative}: {ex.Message}]"));
        }

        await WriteAsync(context, response, cancellationToken).ConfigureAwait(false);
    }

    private static bool IsTrue(string? value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);

    private static string? Correlation(HttpRequest request)
    {
        var fromQuery = request.Query["correlation_id"].ToString();
        if (!string.IsNullOrEmpty(fromQuery))
        {
            return fromQuery;
        }

        var fromHeader = request.Headers["Correlation-Id"].ToString();
        return string.IsNullOrEmpty(fromHeader) ? null : fromHeader;
    }

    private static async Task<ResourceNode> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        return ResourceBodyReader.Read(text, request.ContentType);
    }

    private LabAccount? Authenticate(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return tokens.Validate(header["Bearer ".Length..].Trim());
        }

        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
                var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                return colon > 0 ? tokens.CheckCredentials(decoded[..colon], decoded[(colon + 1)..]) : null;
            }
            catch (FormatException)
            {
                return null;
            }
        }

        return null;
    }

    private async Task HandleTokenAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var response = context.Response;
        response.ContentType = "application/json";
        if (!HttpMethods.IsPost(context.Request.Method) || !context.Request.HasFormContentType)
        {
            response.StatusCode = 400;
            await response.WriteAsync("""{"error":"invalid_request","error_description":"POST a form: grant_type=password&scope=ovirt-app-api&username=..&password=.."}""", cancellationToken).ConfigureAwait(false);
            return;
        }

        var form = await context.Request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        var username = form["username"].ToString();
        if (!string.Equals(form["grant_type"], "password", StringComparison.Ordinal))
        {
            response.StatusCode = 400;
            await response.WriteAsync("""{"error":"unsupported_grant_type","error_description":"grant_type must be password"}""", cancellationToken).ConfigureAwait(false);
            return;
        }

        var account = tokens.CheckCredentials(username, form["password"].ToString());
        if (account is null)
        {
            response.StatusCode = 400;
            var denied = JsonSerializer.Serialize(new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["error"] = "access_denied",
                ["error_description"] = $"Cannot authenticate user '{username}': The username or password is incorrect.",
            });
            await response.WriteAsync(denied, cancellationToken).ConfigureAwait(false);
            return;
        }

        var (token, expires) = tokens.Issue(account);
        var body = JsonSerializer.Serialize(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["access_token"] = token,
            ["scope"] = form["scope"].ToString() is { Length: > 0 } scope ? scope : "ovirt-app-api",
            ["exp"] = expires.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            ["token_type"] = "bearer",
        });
        await response.WriteAsync(body, cancellationToken).ConfigureAwait(false);
    }

    private static bool WantsJson(HttpRequest request) =>
        request.Headers.Accept.ToString().Contains("json", StringComparison.OrdinalIgnoreCase);

    private static string CacheKey(HttpContext context, LabAccount account, string relative) =>
        $"{(WantsJson(context.Request) ? 'j' : 'x')}{account.Id}{relative}{context.Request.QueryString.Value}";

    private static byte[] Render(HttpContext context, ApiResponse response) =>
        response.Body is null ? []
            : WantsJson(context.Request) ? JsonResourceWriter.ToUtf8Bytes(response.Body) : XmlResourceWriter.ToUtf8Bytes(response.Body);

    private static async Task WriteAsync(HttpContext context, ApiResponse response, CancellationToken cancellationToken)
    {
        if (response.Location is not null)
        {
            context.Response.Headers.Location = response.Location;
        }

        await WriteBytesAsync(context, response.StatusCode, Render(context, response), cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteBytesAsync(HttpContext context, int status, byte[] bytes, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = status;
        if (bytes.Length > 0)
        {
            context.Response.ContentType = WantsJson(context.Request) ? "application/json" : "application/xml";
            context.Response.ContentLength = bytes.Length;
            if (!HttpMethods.IsHead(context.Request.Method))
            {
                await context.Response.Body.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
