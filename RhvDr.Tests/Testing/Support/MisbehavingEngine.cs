using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace RhvDr.Tests.Support;

/// <summary>
/// An engine over plain HTTP whose sign-in works and whose API answers the way broken installations do: a login portal's
/// page, an empty or cut-off body, JSON of another API, a 503, a proxy's 502, or no answer at all. What it does can be
/// changed while it runs.
/// </summary>
public sealed class MisbehavingEngine : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _misbehaviour;

    private MisbehavingEngine(WebApplication app, EngineMisbehaviour misbehaviour)
    {
        _app = app;
        _misbehaviour = (int)misbehaviour;
    }

    /// <summary>The API base, e.g. <c>http://127.0.0.1:40123/ovirt-engine/api</c>.</summary>
    public Uri ApiUrl { get; private set; } = null!;

    /// <summary>host:port, as the console names this engine in its messages.</summary>
    public string Authority => ApiUrl.Authority;

    public EngineMisbehaviour Misbehaviour
    {
        get => (EngineMisbehaviour)Volatile.Read(ref _misbehaviour);
        set => Volatile.Write(ref _misbehaviour, (int)value);
    }

    public static async Task<MisbehavingEngine> StartAsync(EngineMisbehaviour misbehaviour)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var engine = new MisbehavingEngine(app, misbehaviour);
        app.MapPost("/ovirt-engine/sso/oauth/token", () => Results.Json(new Dictionary<string, string> { ["access_token"] = "t", ["token_type"] = "bearer" }));
        app.Map("/ovirt-engine/api/{**path}", engine.AnswerAsync);
        await app.StartAsync();
        engine.ApiUrl = new Uri($"{app.Urls.First()}/ovirt-engine/api");
        return engine;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task AnswerAsync(HttpContext context, string? path)
    {
        var response = context.Response;
        var collection = (path ?? "").Split('/').Last();
        switch (Misbehaviour)
        {
            case EngineMisbehaviour.LoginPortal:
                await WriteAsync(response, 200, "text/html; charset=utf-8",
                    "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Sign in &ndash; Example Corp Access</title></head>" +
                    "<body><form method=\"post\" action=\"/portal/login\"><input name=\"user\"><input name=\"password\" type=\"password\"></form></body></html>");
                break;
            case EngineMisbehaviour.EmptyBody:
                response.StatusCode = 200;
                response.ContentType = "application/json";
                response.ContentLength = 0;
                break;
            case EngineMisbehaviour.TruncatedJson:
                await WriteAsync(response, 200, "application/json", $$"""{"{{Element(collection)}}":[{"id":"00000000-0000-0000-0000-000000000001","name":"first","sta""");
                break;
            case EngineMisbehaviour.ApiV3Shape:
                // The v3 API wrote states as objects and numbers as numbers: {"status":{"state":"up"}}.
                await WriteAsync(response, 200, "application/json",
                    $$"""{"{{Element(collection)}}":[{"id":"00000000-0000-0000-0000-000000000001","name":"first","status":{"state":"up"},"memory":8589934592}]}""");
                break;
            case EngineMisbehaviour.NoCollectionKey:
                await WriteAsync(response, 200, "application/json", """{"total":1,"results":[{"id":"00000000-0000-0000-0000-000000000001","name":"first"}]}""");
                break;
            case EngineMisbehaviour.ServiceUnavailable:
                response.Headers.RetryAfter = "30";
                await WriteAsync(response, 503, "application/json", """{"reason":"Service Unavailable","detail":"[The engine is still starting; try again in a minute]"}""");
                break;
            case EngineMisbehaviour.ProxyBadGateway:
                await WriteAsync(response, 502, "text/html",
                    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.24.0</center>\r\n</body>\r\n</html>\r\n");
                break;
            case EngineMisbehaviour.RefusesToken:
                await WriteAsync(response, 401, "application/json", """{"reason":"Unauthorized","detail":"Token is not valid"}""");
                break;
            case EngineMisbehaviour.Forbidden:
                await WriteAsync(response, 403, "application/json", """{"reason":"Operation Failed","detail":"[User is not authorized to perform this action.]"}""");
                break;
            case EngineMisbehaviour.Hang:
                // Accepts the request and never answers; the console's timeout has to end the wait.
                try
                {
                    await Task.Delay(Timeout.Infinite, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                }
                break;
            default:
                throw new InvalidOperationException($"Unknown misbehaviour {Misbehaviour}");
        }
    }

    private static async Task WriteAsync(HttpResponse response, int status, string contentType, string body)
    {
        response.StatusCode = status;
        response.ContentType = contentType;
        await response.WriteAsync(body);
    }

    // The element name API v4 uses for the collections the console reads.
    private static string Element(string collection) => collection switch
    {
        "datacenters" => "data_center",
        "storagedomains" => "storage_domain",
        "affinitylabels" => "affinity_label",
        "vnicprofiles" => "vnic_profile",
        _ => collection.TrimEnd('s'),
    };
}
