using System.Net.Http.Headers;
using RhvDr.Console.Lab;
using RhvDr.Lab;

namespace RhvDr.Tests.Support;

/// <summary>Clients of a lab's control port that send its control credential, as a script given the token does.</summary>
public static class LabControlHttp
{
    /// <summary>An HTTP client for <see cref="LabServer.ControlUrl"/> that sends <see cref="LabServer.ControlToken"/> on every call.</summary>
    public static HttpClient CreateControlHttp(this LabServer lab, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(lab);
        var http = handler is null ? new HttpClient() : new HttpClient(handler);
        http.BaseAddress = lab.ControlUrl;
        http.Timeout = TimeSpan.FromSeconds(30);
        Authorize(http, lab.ControlToken);
        return http;
    }

    /// <summary>Makes <paramref name="http"/> send <paramref name="controlToken"/> as the lab's credential.</summary>
    public static void Authorize(HttpClient http, string controlToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", controlToken);
    }

    /// <summary>
    /// An HTTP client for the lab a console embeds, as its lab module knows it (the control URL and this start's
    /// control credential, both handed over in memory).
    /// </summary>
    public static HttpClient CreateControlHttp(this LabArraySource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var url = source.ArrayBaseUrl ?? throw new InvalidOperationException("The embedded lab has not started: its control URL is not known.");
        var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
        Authorize(http, source.ControlToken ?? throw new InvalidOperationException("The embedded lab's control credential is not known."));
        return http;
    }
}
