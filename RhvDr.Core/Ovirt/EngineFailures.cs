using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Polly.Timeout;

namespace RhvDr.Core.Ovirt;

/// <summary>
/// The one place that turns what went wrong with an engine into words: which engine, what came back, and what to check.
/// The client hands over the facts (a transport error, or the status, content type and start of an answer); every engine
/// error a page, a run or the log shows is made here, so the same failure reads the same everywhere.
/// </summary>
public static partial class EngineFailures
{
    private const string CheckUrl = "check that EngineUrl ends in /ovirt-engine/api";
    private const string CheckReach = "check that the engine is running and that the console can reach it (host and port in EngineUrl, firewall, proxy)";
    private const string CheckService = "check that the ovirt-engine service is running on it and read its engine.log";
    private const string NeedsApiV4 = "it reads only the oVirt API v4 (oVirt 4.x, RHV 4.x), and this looks like another version or another service";

    /// <summary>
    /// The request got no answer: refused, DNS, TLS, timeout, connection lost. Null for the caller's own cancellation and for
    /// errors that are not about the transport.
    /// </summary>
    public static EngineException? FromTransport(EngineEndpoint endpoint, Exception error, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(error);
        var engine = endpoint.DisplayName;
        switch (error)
        {
            case OperationCanceledException when cancellationToken.IsCancellationRequested:
            case EngineException:
                return null;
            case TimeoutRejectedException rejected:
                return TookTooLong(engine, timeout ?? rejected.Timeout, error);
            case TimeoutException or OperationCanceledException:
                return TookTooLong(engine, timeout, error);
            case HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } tls:
                var why = Innermost<EngineCertificateRejectedException>(tls)?.Reason
                    ?? "no TLS handshake; check that the port in EngineUrl serves https and, if the certificate is not trusted, set CaFile or CaFingerprint";
                return new EngineUnreachableException(engine, EngineFailureKind.Tls, $"TLS failed: {why}", $"TLS with engine {engine} failed: {why}", error);
            case HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError }:
                return Unreachable(engine, $"DNS cannot resolve {endpoint.ApiUrl.Host}", "check the host name in EngineUrl and the DNS of the console's machine", error);
            case HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } connect:
                return Unreachable(engine, Connect(connect), CheckReach, error);
            case HttpRequestException { HttpRequestError: HttpRequestError.InvalidResponse }:
                return Unreachable(engine, "it answered something that is not HTTP", "check the scheme (https) and the port in EngineUrl", error);
            case HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded }:
            case IOException:
                return Unreachable(engine, "the connection closed before the answer was complete", "check the engine and any proxy or load balancer between the console and it", error);
            case HttpRequestException http:
                // The runtime's own text ("An error occurred while sending the request") tells an operator nothing: it is never shown.
                return Unreachable(engine, Innermost<SocketException>(http) is { } socket ? Socket(socket.SocketErrorCode) : "the request failed", CheckReach, error);
            default:
                return null;
        }
    }

    /// <summary>An answer with an error status (401 after a fresh sign-in has its own words: <see cref="TokenRefused"/>).</summary>
    public static EngineException FromStatus(EngineEndpoint endpoint, string request, EngineAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(answer);
        var engine = endpoint.DisplayName;
        var status = StatusLine(answer);
        var serverError = (int)answer.Status >= 500;
        var fault = ReadFault(answer);
        if (answer.Status == HttpStatusCode.Forbidden)
        {
            var said = Said(fault?.Detail ?? fault?.Reason, status);
            return new OvirtFaultException(engine, EngineFailureKind.AccessDenied, fault?.Reason ?? status, fault?.Detail, answer.Status,
                $"engine {engine} refused {endpoint.Username} access to {request} ({status}{said}); check the roles of {endpoint.Username} on the engine");
        }
        if (fault is not null)
        {
            var reason = fault.Reason ?? status;
            var message = serverError
                ? $"engine {engine} answered {request} with {status}{Said(fault.Reason, status)}{Said(fault.Detail, status + " " + fault.Reason)}; {CheckService}"
                : OvirtFaultException.Describe(reason, fault.Detail, engine);
            return new OvirtFaultException(engine, serverError ? EngineFailureKind.ServerError : EngineFailureKind.Fault, reason, fault.Detail, answer.Status, message);
        }
        if (answer.LooksLikeHtml)
        {
            var title = Title(answer, status);
            return serverError
                ? new OvirtFaultException(engine, EngineFailureKind.ServerError, status, title, answer.Status,
                    $"engine {engine} answered {request} with {status}, an HTML page{Quoted(title)} from a web server or proxy in front of it, not from the oVirt API: " +
                    "the engine service behind it is down, starting, or out of the proxy's reach")
                : new OvirtFaultException(engine, EngineFailureKind.NotTheApi, status, title, answer.Status,
                    $"engine {engine} answered {request} with {status}, an HTML page{Quoted(title)}, not the oVirt API: {CheckUrl} and that no login portal or proxy is in the way");
        }
        var excerpt = Excerpt(answer, status);
        return new OvirtFaultException(engine, serverError ? EngineFailureKind.ServerError : EngineFailureKind.Fault, status, excerpt, answer.Status,
            $"engine {engine} answered {request} with {status}{Said(excerpt, status)}{(serverError ? $"; {CheckService}" : "")}");
    }

    /// <summary>A success status whose body is not the API's: HTML, another content type, empty, broken or unknown JSON.</summary>
    public static OvirtFaultException FromBody(EngineEndpoint endpoint, string request, EngineAnswer answer, JsonException? error)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(answer);
        var engine = endpoint.DisplayName;
        var status = StatusLine(answer);
        if (answer.Length == 0 || (answer.Length <= answer.Start.Length && string.IsNullOrWhiteSpace(answer.Start)))
        {
            return Body(engine, EngineFailureKind.EmptyAnswer, "Empty answer", null, answer,
                $"engine {engine} answered {request} with an empty body ({status}), not the oVirt API: {CheckUrl} and that no proxy is in the way");
        }
        if (answer.LooksLikeHtml)
        {
            var title = Title(answer, status);
            return Body(engine, EngineFailureKind.NotTheApi, "HTML page", title, answer,
                $"engine {engine} answered {request} with an HTML page ({status}, {answer.MediaType ?? "no content type"}{QuotedInList(title)}), not the oVirt API: " +
                $"{CheckUrl} and that no login portal or proxy is in the way");
        }
        if (answer.Start.TrimStart().StartsWith('<'))
        {
            return Body(engine, EngineFailureKind.NotTheApi, "XML answer", null, answer,
                $"engine {engine} answered {request} with XML ({status}), not JSON: the console asks for JSON, which the oVirt API v4 writes; {CheckUrl} and that nothing in the way rewrites the request");
        }
        if (!answer.MayBeJson)
        {
            var excerpt = Excerpt(answer, status);
            return Body(engine, EngineFailureKind.NotTheApi, answer.MediaType!, excerpt, answer,
                $"engine {engine} answered {request} with {answer.MediaType} ({status}{QuotedInList(excerpt)}), not the oVirt API's JSON: {CheckUrl} and that no proxy is in the way");
        }
        if (error?.InnerException is JsonException)
        {
            // The reader failed on the text itself; where it failed tells a cut-off answer from a malformed one.
            return BreaksOff(answer, error)
                ? Body(engine, EngineFailureKind.BrokenJson, "Incomplete answer", null, answer,
                    $"engine {engine} answered {request} with JSON that breaks off after {answer.Length.ToString(CultureInfo.InvariantCulture)} bytes ({status}): " +
                    "the answer was cut short on its way; check proxies and load balancers between the console and the engine")
                : Body(engine, EngineFailureKind.BrokenJson, "Malformed answer", error.Path, answer,
                    $"engine {engine} answered {request} with malformed JSON at line {(error.LineNumber ?? 0) + 1}, byte {error.BytePositionInLine ?? 0} ({status}): " +
                    "the oVirt API does not write that; check that nothing between the console and the engine rewrites answers");
        }
        var where = error?.Path is { Length: > 1 } path ? $"unexpected value at {path}" : "no object where one belongs";
        return Body(engine, EngineFailureKind.OtherApiVersion, "Unknown answer", where, answer,
            $"engine {engine} answered {request} with JSON the console cannot read ({where}): {NeedsApiV4}; {CheckUrl} and that nothing in the way rewrites answers");
    }

    /// <summary>JSON whose top level holds <paramref name="key"/> where the list of <paramref name="collection"/> belongs (<c>{"hosts":...}</c> for <c>{"host":[...]}</c>).</summary>
    public static OvirtFaultException NotACollection(EngineEndpoint endpoint, string request, string key, string collection)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var engine = endpoint.DisplayName;
        var where = $"\"{key}\" where the list of {collection} belongs";
        return new OvirtFaultException(engine, EngineFailureKind.OtherApiVersion, "Unknown answer", where, HttpStatusCode.OK,
            $"engine {engine} answered {request} with JSON the console cannot read ({where}): {NeedsApiV4}; {CheckUrl} and that nothing in the way rewrites answers");
    }

    /// <summary>The sign-in service gave no token: credentials refused, or something other than oVirt's SSO answered.</summary>
    public static EngineException FromSignIn(EngineEndpoint endpoint, EngineAnswer answer, OvirtSsoTokenResponse? body)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(answer);
        var engine = endpoint.DisplayName;
        var request = $"POST {endpoint.TokenUrl.AbsolutePath}";
        var said = body?.ErrorDescription ?? body?.Error ?? body?.ErrorCode;
        if (said is not null || (answer.Status is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden && !answer.LooksLikeHtml))
        {
            var reason = said is null ? $"the sign-in service answered {StatusLine(answer)}" : WithoutUserPrefix(said, endpoint.Username);
            return new EngineAuthenticationException(endpoint.Username, engine, reason,
                $"authentication failed for user {endpoint.Username} at {engine}: {reason}; check the site's Username and Password");
        }
        if (answer.Status == HttpStatusCode.NotFound)
        {
            return new OvirtFaultException(engine, EngineFailureKind.NotTheApi, StatusLine(answer), null, answer.Status,
                $"engine {engine} has no sign-in service at {endpoint.TokenUrl.AbsolutePath} ({StatusLine(answer)}): check that EngineUrl is https://ENGINE/ovirt-engine/api");
        }
        if ((int)answer.Status is < 200 or > 299)
        {
            return FromStatus(endpoint, request, answer);
        }
        if (body is not null)
        {
            return new OvirtFaultException(engine, EngineFailureKind.OtherApiVersion, "No access token", null, answer.Status,
                $"engine {engine} answered {request} with JSON that holds no access token ({StatusLine(answer)}): it is not oVirt's sign-in service; {CheckUrl}");
        }
        return FromBody(endpoint, request, answer, null);
    }

    /// <summary>The engine refused, with 401, the token its own sign-in service had just issued.</summary>
    public static EngineAuthenticationException TokenRefused(EngineEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        const string Reason = "the engine refused the token its sign-in service had just issued (HTTP 401)";
        return new EngineAuthenticationException(endpoint.Username, endpoint.DisplayName, Reason,
            $"authentication failed for user {endpoint.Username} at {endpoint.DisplayName}: {Reason}; check that the user may use the REST API");
    }

    // Time spans as operators write them in settings: 00:00:15.
    private static string Duration(TimeSpan time) =>
        time.Ticks % TimeSpan.TicksPerSecond == 0 ? time.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture) : time.ToString("c", CultureInfo.InvariantCulture);

    private static EngineUnreachableException Unreachable(string engine, string reason, string advice, Exception error) =>
        new(engine, EngineFailureKind.Unreachable, reason, $"engine {engine} is unreachable: {reason}; {advice}", error);

    private static EngineUnreachableException TookTooLong(string engine, TimeSpan? timeout, Exception error)
    {
        var reason = timeout is { } limit ? $"took longer than {Duration(limit)} to answer" : "did not answer in time";
        return new EngineUnreachableException(engine, EngineFailureKind.Timeout, reason,
            $"engine {engine} {reason}; check that the engine is running and not overloaded, and the network between the console and it, or raise RhvDr:EngineTimeout", error);
    }

    private static OvirtFaultException Body(string engine, EngineFailureKind kind, string reason, string? detail, EngineAnswer answer, string message) =>
        new(engine, kind, reason, detail, answer.Status, message);

    private static string Connect(HttpRequestException error) =>
        Innermost<SocketException>(error) is { } socket ? Socket(socket.SocketErrorCode) : "cannot connect";

    private static string Socket(SocketError code) => code switch
    {
        SocketError.ConnectionRefused => "connection refused",
        SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.HostDown => "no route to the host",
        SocketError.TimedOut => "the connection timed out",
        SocketError.ConnectionReset or SocketError.ConnectionAborted => "the connection was reset",
        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "DNS cannot resolve the host",
        _ => "cannot connect",
    };

    private static bool BreaksOff(EngineAnswer answer, JsonException error) =>
        error.LineNumber == answer.LastLine && error.BytePositionInLine >= answer.LastLineLength;

    private static OvirtFault? ReadFault(EngineAnswer answer)
    {
        if (!answer.MayBeJson || !answer.Start.TrimStart().StartsWith('{'))
        {
            return null;
        }
        try
        {
            var fault = JsonSerializer.Deserialize<OvirtFault>(answer.Start, OvirtJson.Options);
            return fault?.Reason is null && fault?.Detail is null ? null : fault;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string StatusLine(EngineAnswer answer)
    {
        var phrase = string.IsNullOrWhiteSpace(answer.ReasonPhrase) ? Spaced(answer.Status.ToString()) : answer.ReasonPhrase.Trim();
        return $"HTTP {((int)answer.Status).ToString(CultureInfo.InvariantCulture)} {phrase}".TrimEnd();
    }

    // ": text" unless the words already said it (a fault whose reason is the status line's phrase).
    private static string Said(string? text, string alreadySaid) =>
        string.IsNullOrWhiteSpace(text) || alreadySaid.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase) ? "" : $": {text.Trim()}";

    private static string Quoted(string? title) => title is null ? "" : $" (\"{title}\")";

    private static string QuotedInList(string? title) => title is null ? "" : $", \"{title}\"";

    /// <summary>The page's title, unless it only repeats the status line (nginx's "502 Bad Gateway").</summary>
    private static string? Title(EngineAnswer answer, string status)
    {
        var match = TitlePattern().Match(answer.Start);
        if (!match.Success)
        {
            return null;
        }
        var title = Clean(WebUtility.HtmlDecode(match.Groups["title"].Value), 80);
        var withoutCode = title.Replace(((int)answer.Status).ToString(CultureInfo.InvariantCulture), "", StringComparison.Ordinal).Trim();
        return title.Length == 0 || status.Contains(withoutCode, StringComparison.OrdinalIgnoreCase) ? null : title;
    }

    /// <summary>The first line of a short plain-text body, e.g. a proxy's "upstream connect error".</summary>
    private static string? Excerpt(EngineAnswer answer, string status)
    {
        if (answer.LooksLikeHtml || answer.Start.TrimStart().StartsWith('{') || answer.Start.TrimStart().StartsWith('<'))
        {
            return null;
        }
        var line = answer.Start.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (line is null || line.Any(char.IsControl))
        {
            return null;
        }
        var text = Clean(line, 120);
        return status.Contains(text, StringComparison.OrdinalIgnoreCase) ? null : text;
    }

    private static string Clean(string text, int max)
    {
        var single = WhiteSpace().Replace(text, " ").Trim();
        return single.Length <= max ? single : single[..max].TrimEnd() + "…";
    }

    // oVirt's SSO says "Cannot authenticate user 'admin@internal': The username or password is incorrect."; the user is named already.
    private static string WithoutUserPrefix(string said, string username)
    {
        var prefix = $"Cannot authenticate user '{username}':";
        var text = said.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? said[prefix.Length..] : said;
        return text.Trim().TrimEnd('.');
    }

    private static string Spaced(string name) => CapitalWord().Replace(name, " ${capital}").Trim();

    private static T? Innermost<T>(Exception error)
        where T : Exception
    {
        T? found = null;
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            found = e as T ?? found;
        }
        return found;
    }

    [GeneratedRegex(@"<title[^>]*>\s*(?<title>.*?)\s*</title>", RegexOptions.IgnoreCase | RegexOptions.Singleline, matchTimeoutMilliseconds: 200)]
    private static partial Regex TitlePattern();

    [GeneratedRegex(@"\s+", RegexOptions.None, matchTimeoutMilliseconds: 200)]
    private static partial Regex WhiteSpace();

    [GeneratedRegex("(?<!^)(?<capital>[A-Z])", RegexOptions.None, matchTimeoutMilliseconds: 200)]
    private static partial Regex CapitalWord();
}
