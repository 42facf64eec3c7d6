using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Polly.Timeout;
using RhvDr.Core.Ovirt;

namespace RhvDr.Tests.Ovirt;

/// <summary>Each way an engine fails, as the words and kind an operator gets; the facts are what the client hands over.</summary>
public sealed class EngineFailuresTests
{
    private const string Request = "GET /ovirt-engine/api/hosts";

    private static readonly EngineEndpoint Engine = new(new Uri("https://engine1.example.com/ovirt-engine/api"), "admin@internal", "s3cret", EngineTlsOptions.SystemTrust);

    [Fact]
    public void FromBody_LoginPortalPage_NotTheApiNamingTheTitleAndWhatToCheck()
    {
        var answer = Answer(200, "text/html", "<!DOCTYPE html><html><head><title>Sign in &ndash; Corp</title></head><body><form></form></body></html>");

        var error = EngineFailures.FromBody(Engine, Request, answer, null);

        Assert.Equal(EngineFailureKind.NotTheApi, error.Kind);
        Assert.Equal(
            "Engine engine1.example.com answered GET /ovirt-engine/api/hosts with an HTML page (HTTP 200 OK, text/html, \"Sign in – Corp\"), not the oVirt API: " +
            "check that EngineUrl ends in /ovirt-engine/api and that no login portal or proxy is in the way.",
            error.Sentence);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \r\n")]
    public void FromBody_NoBody_EmptyAnswer(string body)
    {
        var error = EngineFailures.FromBody(Engine, Request, Answer(200, "application/json", body), Parse(body).Error);

        Assert.Equal(EngineFailureKind.EmptyAnswer, error.Kind);
        Assert.StartsWith("engine engine1.example.com answered GET /ovirt-engine/api/hosts with an empty body (HTTP 200 OK), not the oVirt API", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromBody_JsonCutShort_BrokenJsonThatBreaksOffAfterItsLength()
    {
        const string Body = """{"host":[{"id":"h1","name":"ho""";
        var (answer, error) = Parse(Body);

        var failure = EngineFailures.FromBody(Engine, Request, answer, error);

        Assert.Equal(EngineFailureKind.BrokenJson, failure.Kind);
        Assert.Contains($"with JSON that breaks off after {Body.Length} bytes (HTTP 200 OK): the answer was cut short on its way", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromBody_JsonCutShortOnItsThirdLine_StillBreaksOff()
    {
        var (answer, error) = Parse("{\n  \"host\": [\n    {\"id\": \"h1\", \"na");

        Assert.Equal("Incomplete answer", EngineFailures.FromBody(Engine, Request, answer, error).Reason);
    }

    [Fact]
    public void FromBody_JsonMalformedMidway_BrokenJsonNamingLineAndByte()
    {
        var (answer, error) = Parse("{\"host\":[{\"id\":\"h1\" \"name\":\"x\"}]}");

        var failure = EngineFailures.FromBody(Engine, Request, answer, error);

        Assert.Equal(EngineFailureKind.BrokenJson, failure.Kind);
        Assert.Contains("with malformed JSON at line 1, byte 20 (HTTP 200 OK)", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromBody_ApiV3Shape_OtherApiVersionNamingWhereItDiffers()
    {
        var (answer, error) = Parse("""{"host":[{"id":"h1","name":"host1","status":{"state":"up"}}]}""");

        var failure = EngineFailures.FromBody(Engine, Request, answer, error);

        Assert.Equal(EngineFailureKind.OtherApiVersion, failure.Kind);
        Assert.Contains("with JSON the console cannot read (unexpected value at $.host[0].status): it reads only the oVirt API v4 (oVirt 4.x, RHV 4.x)", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("could not be converted", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromBody_PlainTextFromAProxy_NotTheApiQuotingItsFirstLine()
    {
        var error = EngineFailures.FromBody(Engine, Request, Answer(200, "text/plain", "upstream connect error or disconnect/reset before headers\nretried"), null);

        Assert.Equal(EngineFailureKind.NotTheApi, error.Kind);
        Assert.Contains("with text/plain (HTTP 200 OK, \"upstream connect error or disconnect/reset before headers\"), not the oVirt API's JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromBody_XmlInsteadOfJson_NotTheApiSayingXml()
    {
        var error = EngineFailures.FromBody(Engine, Request, Answer(200, null, "<?xml version=\"1.0\"?><hosts><host id=\"h1\"/></hosts>"), Parse("<?xml").Error);

        Assert.Equal(EngineFailureKind.NotTheApi, error.Kind);
        Assert.Contains("with XML (HTTP 200 OK), not JSON", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hosts", """{"host":[{"id":"h1"}]}""", true)]
    [InlineData("hosts", "{}", true)]
    [InlineData("hosts", """[{"id":"h1"}]""", true)]
    [InlineData("datacenters/d1/storagedomains", """{"storage_domain":[]}""", true)]
    [InlineData("vms?follow=disk_attachments.disk", """{"vm":{"id":"v1"}}""", true)]
    [InlineData("hosts/h1/storage", """{"host_storage":[]}""", true)]
    [InlineData("clusters/c1/affinitygroups", """{"affinity_group":[]}""", true)]
    [InlineData("schedulingpolicies", """{"scheduling_policy":[]}""", true)]
    [InlineData("hosts", """{"total":1,"results":[{"id":"h1"}]}""", false)]
    [InlineData("hosts", """{"hosts":{"host":[{"id":"h1"}]}}""", false)]
    [InlineData("hosts", """{"status":"ok"}""", false)]
    public void IsListOf_TopLevelKey_TrueOnlyForTheApiV4ElementName(string path, string json, bool expected)
    {
        var collection = JsonSerializer.Deserialize<OvirtCollection<OvirtHost>>(json, OvirtJson.Options)!;

        Assert.Equal(expected, collection.IsListOf(path));
    }

    [Fact]
    public void NotACollection_OtherKey_OtherApiVersionNamingKeyAndList()
    {
        var error = EngineFailures.NotACollection(Engine, Request, "results", "hosts");

        Assert.Equal(EngineFailureKind.OtherApiVersion, error.Kind);
        Assert.Contains("with JSON the console cannot read (\"results\" where the list of hosts belongs)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromStatus_503WithFault_ServerErrorSayingTheStatusOnce()
    {
        var answer = Answer(503, "application/json", """{"reason":"Service Unavailable","detail":"[The engine is still starting]"}""", "Service Unavailable");

        var error = EngineFailures.FromStatus(Engine, Request, answer);

        Assert.Equal(EngineFailureKind.ServerError, error.Kind);
        Assert.Equal("engine engine1.example.com answered GET /ovirt-engine/api/hosts with HTTP 503 Service Unavailable: [The engine is still starting]; check that the ovirt-engine service is running on it and read its engine.log", error.Message);
    }

    [Fact]
    public void FromStatus_502HtmlFromProxy_ServerErrorWithoutRepeatingThePageTitle()
    {
        var answer = Answer(502, "text/html", "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>", "Bad Gateway");

        var error = EngineFailures.FromStatus(Engine, Request, answer);

        Assert.Equal(EngineFailureKind.ServerError, error.Kind);
        Assert.Equal(
            "engine engine1.example.com answered GET /ovirt-engine/api/hosts with HTTP 502 Bad Gateway, an HTML page from a web server or proxy in front of it, " +
            "not from the oVirt API: the engine service behind it is down, starting, or out of the proxy's reach",
            error.Message);
    }

    [Fact]
    public void FromStatus_500WithoutBodyOrPhrase_StatusNamedFromTheCode()
    {
        var error = EngineFailures.FromStatus(Engine, Request, Answer(500, null, "", phrase: null));

        Assert.Equal(EngineFailureKind.ServerError, error.Kind);
        Assert.Equal("engine engine1.example.com answered GET /ovirt-engine/api/hosts with HTTP 500 Internal Server Error; check that the ovirt-engine service is running on it and read its engine.log", error.Message);
    }

    [Fact]
    public void FromStatus_403_AccessDeniedNamingTheUser()
    {
        var answer = Answer(403, "application/json", """{"reason":"Operation Failed","detail":"[User is not authorized to perform this action.]"}""", "Forbidden");

        var error = Assert.IsType<OvirtFaultException>(EngineFailures.FromStatus(Engine, Request, answer));

        Assert.Equal(EngineFailureKind.AccessDenied, error.Kind);
        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Equal(
            "engine engine1.example.com refused admin@internal access to GET /ovirt-engine/api/hosts (HTTP 403 Forbidden: [User is not authorized to perform this action.]); " +
            "check the roles of admin@internal on the engine",
            error.Message);
    }

    [Fact]
    public void FromStatus_404Fault_FaultWithTheEngineReasonAndStatus()
    {
        var answer = Answer(404, "application/json", """{"reason":"Not Found","detail":"Entity not found: vm 1"}""", "Not Found");

        var error = Assert.IsType<OvirtFaultException>(EngineFailures.FromStatus(Engine, "GET /ovirt-engine/api/vms/1", answer));

        Assert.Equal(EngineFailureKind.Fault, error.Kind);
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal("Not Found", error.Reason);
        Assert.Equal("engine engine1.example.com answered with a fault: Not Found: Entity not found: vm 1", error.Message);
    }

    [Fact]
    public void FromStatus_404HtmlPage_NotTheApi()
    {
        var error = EngineFailures.FromStatus(Engine, Request, Answer(404, "text/html", "<html><head><title>Not Found</title></head></html>", "Not Found"));

        Assert.Equal(EngineFailureKind.NotTheApi, error.Kind);
        Assert.Contains("with HTTP 404 Not Found, an HTML page, not the oVirt API: check that EngineUrl ends in /ovirt-engine/api", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromSignIn_CredentialsRefused_SignInRefusedNamingTheUserOnce()
    {
        var body = new OvirtSsoTokenResponse { ErrorCode = "access_denied", Error = "Cannot authenticate user 'admin@internal': The username or password is incorrect." };

        var error = Assert.IsType<EngineAuthenticationException>(EngineFailures.FromSignIn(Engine, Answer(400, "application/json", "{}", "Bad Request"), body));

        Assert.Equal(EngineFailureKind.SignInRefused, error.Kind);
        Assert.Equal(
            "Authentication failed for user admin@internal at engine1.example.com: The username or password is incorrect; check the site's Username and Password.",
            error.Sentence);
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromSignIn_401WithoutBody_SignInRefusedWithTheStatus()
    {
        var error = EngineFailures.FromSignIn(Engine, Answer(401, null, "", "Unauthorized"), null);

        Assert.Equal(EngineFailureKind.SignInRefused, error.Kind);
        Assert.Contains("the sign-in service answered HTTP 401 Unauthorized", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromSignIn_NoSignInService_NotTheApiNamingTheTokenPath()
    {
        var error = EngineFailures.FromSignIn(Engine, Answer(404, "text/html", "<html></html>", "Not Found"), null);

        Assert.Equal(EngineFailureKind.NotTheApi, error.Kind);
        Assert.Equal(
            "engine engine1.example.com has no sign-in service at /ovirt-engine/sso/oauth/token (HTTP 404 Not Found): check that EngineUrl is https://ENGINE/ovirt-engine/api",
            error.Message);
    }

    [Fact]
    public void FromSignIn_LoginPortalPage_NotTheApiForTheSignInRequest()
    {
        var error = EngineFailures.FromSignIn(Engine, Answer(200, "text/html", "<html><head><title>Portal</title></head></html>"), null);

        Assert.Equal(EngineFailureKind.NotTheApi, error.Kind);
        Assert.StartsWith("engine engine1.example.com answered POST /ovirt-engine/sso/oauth/token with an HTML page (HTTP 200 OK, text/html, \"Portal\")", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TokenRefused_SignInRefused()
    {
        var error = EngineFailures.TokenRefused(Engine);

        Assert.Equal(EngineFailureKind.SignInRefused, error.Kind);
        Assert.StartsWith("authentication failed for user admin@internal at engine1.example.com: the engine refused the token", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromTransport_PipelineTimeout_TimeoutNamingTheConfiguredLimit()
    {
        var error = EngineFailures.FromTransport(Engine, new TimeoutRejectedException(TimeSpan.FromSeconds(1)), TimeSpan.FromSeconds(2), CancellationToken.None)!;

        Assert.Equal(EngineFailureKind.Timeout, error.Kind);
        Assert.Equal("Engine engine1.example.com took longer than 00:00:02 to answer; check that the engine is running and not overloaded, and the network between the console and it, or raise RhvDr:EngineTimeout.", error.Sentence);
    }

    [Fact]
    public void FromTransport_ConnectionRefused_UnreachableWithoutDotNetText()
    {
        var refused = new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (engine1.example.com:443)", new SocketException((int)SocketError.ConnectionRefused));

        var error = EngineFailures.FromTransport(Engine, refused, null, CancellationToken.None)!;

        Assert.Equal(EngineFailureKind.Unreachable, error.Kind);
        Assert.Equal("engine engine1.example.com is unreachable: connection refused; check that the engine is running and that the console can reach it (host and port in EngineUrl, firewall, proxy)", error.Message);
    }

    [Fact]
    public void FromTransport_DnsFails_UnreachableNamingTheHost()
    {
        var error = EngineFailures.FromTransport(Engine, new HttpRequestException(HttpRequestError.NameResolutionError, "Name or service not known"), null, CancellationToken.None)!;

        Assert.Equal("engine engine1.example.com is unreachable: DNS cannot resolve engine1.example.com; check the host name in EngineUrl and the DNS of the console's machine", error.Message);
    }

    [Fact]
    public void FromTransport_ConnectionClosedMidAnswer_UnreachableSayingSo()
    {
        var error = EngineFailures.FromTransport(Engine, new HttpIOException(HttpRequestError.ResponseEnded, "The response ended prematurely."), null, CancellationToken.None)!;

        Assert.Equal(EngineFailureKind.Unreachable, error.Kind);
        Assert.Equal("engine engine1.example.com is unreachable: the connection closed before the answer was complete; check the engine and any proxy or load balancer between the console and it", error.Message);
    }

    [Fact]
    public void FromTransport_UnknownHttpError_NoGenericDotNetSentence()
    {
        var error = EngineFailures.FromTransport(Engine, new HttpRequestException("An error occurred while sending the request."), null, CancellationToken.None)!;

        Assert.Equal("engine engine1.example.com is unreachable: the request failed; check that the engine is running and that the console can reach it (host and port in EngineUrl, firewall, proxy)", error.Message);
    }

    [Fact]
    public void FromTransport_NoRouteToHost_UnreachableSayingWhatToCheck()
    {
        var error = EngineFailures.FromTransport(Engine, new HttpRequestException(HttpRequestError.ConnectionError, "No route to host", new SocketException((int)SocketError.HostUnreachable)), null, CancellationToken.None)!;

        Assert.Equal(
            "Engine engine1.example.com is unreachable: no route to the host; check that the engine is running and that the console can reach it (host and port in EngineUrl, firewall, proxy).",
            error.Sentence);
    }

    [Fact]
    public void FromTransport_TlsHandshakeFails_TlsNamingTheCaSettings()
    {
        var tls = new HttpRequestException(HttpRequestError.SecureConnectionError, "The SSL connection could not be established, see inner exception.", new IOException("Received an unexpected EOF or 0 bytes from the transport stream."));

        var error = EngineFailures.FromTransport(Engine, tls, null, CancellationToken.None)!;

        Assert.Equal(EngineFailureKind.Tls, error.Kind);
        Assert.Contains("set CaFile or CaFingerprint", error.Sentence, StringComparison.Ordinal);
        Assert.DoesNotContain("unexpected EOF", error.Sentence, StringComparison.Ordinal);
        Assert.DoesNotContain("SSL connection", error.Sentence, StringComparison.Ordinal);
    }

    [Fact]
    public void FromSignIn_401_NamesTheUsernameAndPasswordSettings()
    {
        var error = EngineFailures.FromSignIn(Engine, Answer(401, null, "", "Unauthorized"), null);

        Assert.Equal(
            "Authentication failed for user admin@internal at engine1.example.com: the sign-in service answered HTTP 401 Unauthorized; check the site's Username and Password.",
            error.Sentence);
    }

    // Each kind of failure, as the runtime reports it: the sentence names the engine, says what to check, and holds none of the runtime's text.
    public static TheoryData<string, Exception> TransportFailures() => new()
    {
        { "refused", new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (engine1.example.com:443)", new SocketException((int)SocketError.ConnectionRefused)) },
        { "dns", new HttpRequestException(HttpRequestError.NameResolutionError, "Name or service not known (engine1.example.com:443)", new SocketException((int)SocketError.HostNotFound)) },
        { "tls", new HttpRequestException(HttpRequestError.SecureConnectionError, "The SSL connection could not be established, see inner exception.") },
        { "timeout", new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout of 15 seconds elapsing.", new TimeoutException("The operation was canceled.")) },
        { "other", new HttpRequestException("An error occurred while sending the request.", new IOException("Unable to read data from the transport connection.")) },
    };

    [Theory]
    [MemberData(nameof(TransportFailures))]
    public void FromTransport_EachKind_SentenceNamesTheEngineAndWhatToCheckWithoutRuntimeText(string kind, Exception failure)
    {
        var error = EngineFailures.FromTransport(Engine, failure, TimeSpan.FromSeconds(15), CancellationToken.None)!;

        Assert.Contains("engine1.example.com", error.Sentence, StringComparison.Ordinal);
        Assert.Contains("; check ", error.Sentence, StringComparison.Ordinal);
        Assert.DoesNotContain(failure.Message, error.Sentence, StringComparison.Ordinal);
        Assert.DoesNotContain("sending the request", error.Sentence, StringComparison.Ordinal);
        Assert.DoesNotContain("see inner exception", error.Sentence, StringComparison.Ordinal);
        Assert.True(error.Sentence.EndsWith('.') && char.IsUpper(error.Sentence[0]), $"{kind}: {error.Sentence}");
    }

    [Fact]
    public void FromTransport_CallerCancelled_NotAnEngineFailure()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Null(EngineFailures.FromTransport(Engine, new OperationCanceledException(cancelled.Token), TimeSpan.FromSeconds(2), cancelled.Token));
    }

    private static EngineAnswer Answer(int status, string? mediaType, string body, string? phrase = "OK") =>
        new((HttpStatusCode)status, phrase, mediaType, System.Text.Encoding.UTF8.GetByteCount(body), body, body.Count(c => c == '\n'), body.Length - body.LastIndexOf('\n') - 1);

    // What the client has after trying to read body as the hosts list.
    private static (EngineAnswer Answer, JsonException? Error) Parse(string body)
    {
        var answer = Answer(200, "application/json", body);
        try
        {
            JsonSerializer.Deserialize<OvirtCollection<OvirtHost>>(body, OvirtJson.Options);
            return (answer, null);
        }
        catch (JsonException ex)
        {
            return (answer, ex);
        }
    }
}
