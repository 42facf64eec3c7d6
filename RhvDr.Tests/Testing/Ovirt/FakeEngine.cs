using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using RhvDr.Core.Ovirt;

namespace RhvDr.Tests.Ovirt;

/// <summary>A tiny engine over real HTTP: SSO tokens, canned JSON answers per path, faults, and a record of requests.</summary>
public sealed class FakeEngine : IAsyncDisposable
{
    public const string User = "admin@internal";
    public const string Password = "secret";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (int Status, string Body)> _answers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _validTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (int Count, int Status)> _failures = new(StringComparer.Ordinal);
    private int _tokensIssued;

    private FakeEngine(WebApplication app) => _app = app;

    public Uri ApiUrl { get; private set; } = null!;

    public int TokensIssued => Volatile.Read(ref _tokensIssued);

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public EngineEndpoint Endpoint(string password = Password) => new(ApiUrl, User, password, EngineTlsOptions.SystemTrust);

    /// <summary>Starts on a free loopback port; over HTTPS with <paramref name="certificate"/> when given.</summary>
    public static async Task<FakeEngine> StartAsync(X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (certificate is null)
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        }
        else
        {
            builder.WebHost.UseKestrelHttpsConfiguration();
            builder.WebHost.UseUrls("https://127.0.0.1:0");
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate));
        }
        var app = builder.Build();
        var engine = new FakeEngine(app);
        app.MapPost("/ovirt-engine/sso/oauth/token", engine.IssueTokenAsync);
        app.Map("/ovirt-engine/api/{**path}", engine.Answer);
        await app.StartAsync();
        var address = app.Urls.First();
        engine.ApiUrl = new Uri($"{address}/ovirt-engine/api");
        return engine;
    }

    /// <summary>Answers <paramref name="pathAndQuery"/> (relative to the API, e.g. <c>vms</c> or <c>events?from=3</c>) with JSON.</summary>
    public void Set(string pathAndQuery, string json, int status = 200) => _answers[pathAndQuery] = (status, json);

    /// <summary>The next <paramref name="count"/> requests to <paramref name="pathAndQuery"/> fail with <paramref name="status"/> before the set answer is given.</summary>
    public void FailNext(string pathAndQuery, int count, int status = 503) => _failures[pathAndQuery] = (count, status);

    /// <summary>Every issued token stops working, as when tokens expire or the engine restarts.</summary>
    public void ExpireTokens() => _validTokens.Clear();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<IResult> IssueTokenAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        if (form["grant_type"] != "password" || form["scope"] != "ovirt-app-api")
        {
            return Results.Json(new Dictionary<string, string> { ["error"] = "invalid_request", ["error_description"] = "bad grant" }, statusCode: 400);
        }
        if (form["username"] != User || form["password"] != Password)
        {
            return Results.Json(
                new Dictionary<string, string> { ["error_code"] = "access_denied", ["error"] = $"Cannot authenticate user '{form["username"]}': The username or password is incorrect." },
                statusCode: 400);
        }
        var token = $"token-{Interlocked.Increment(ref _tokensIssued)}";
        _validTokens[token] = true;
        return Results.Json(new Dictionary<string, string> { ["access_token"] = token, ["token_type"] = "bearer", ["scope"] = "ovirt-app-api" });
    }

    private IResult Answer(HttpContext context, string? path)
    {
        var key = (path ?? "") + context.Request.QueryString.Value;
        var authorization = context.Request.Headers.Authorization.ToString();
        Requests.Enqueue(new RecordedRequest(context.Request.Method, key, authorization, context.Request.Headers["Version"].ToString(), context.Request.Headers.Accept.ToString()));
        if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal) || !_validTokens.ContainsKey(authorization["Bearer ".Length..]))
        {
            return Results.Text("", statusCode: 401);
        }
        if (_failures.TryGetValue(key, out var failure) && failure.Count > 0)
        {
            _failures[key] = (failure.Count - 1, failure.Status);
            return Results.Text("""{"reason":"Service Unavailable","detail":"injected"}""", "application/json", statusCode: failure.Status);
        }
        return _answers.TryGetValue(key, out var answer)
            ? Results.Text(answer.Body, "application/json", statusCode: answer.Status)
            : Results.Text("""{"reason":"Not Found","detail":"no such path in the fake engine"}""", "application/json", statusCode: 404);
    }
}
