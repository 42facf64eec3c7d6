namespace RhvDr.Console.Hosting.Commands;

/// <summary>
/// <c>healthcheck [URL]</c>: asks a running console's <c>/healthz</c> and exits 0 when it answers 200, 1 otherwise. Container
/// health checks and scripts use it where there is no curl (the ASP.NET runtime image has none).
/// </summary>
public static class HealthCheckCommand
{
    public const string Usage = "Usage: RhvDr.Console healthcheck [URL]   (default " + DefaultUrl + ")";

    public const string DefaultUrl = "http://localhost:5080/healthz";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var url = args.Length > 0 ? HealthUrl(args[0]) : new Uri(DefaultUrl);
        if (url is null || args.Length > 1)
        {
            await error.WriteLineAsync($"{Usage}\nURL is the console's address or its /healthz, e.g. http://127.0.0.1:5080").ConfigureAwait(false);
            return 2;
        }

        // Never through an http_proxy from the environment: the console is asked directly, as a load balancer would.
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = Timeout };
        try
        {
            using var response = await http.GetAsync(url, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                await output.WriteLineAsync($"RhvDr console at {url} is healthy ({(int)response.StatusCode}).").ConfigureAwait(false);
                return 0;
            }
            await error.WriteLineAsync($"RhvDr console at {url} is not healthy: HTTP {(int)response.StatusCode} {response.ReasonPhrase}.").ConfigureAwait(false);
            return 1;
        }
        catch (HttpRequestException ex)
        {
            await error.WriteLineAsync($"RhvDr console at {url} did not answer: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync($"RhvDr console at {url} did not answer within {Timeout.TotalSeconds:0} s.").ConfigureAwait(false);
            return 1;
        }
    }

    /// <summary>The console's address (<c>http://host:port</c>) gets <c>/healthz</c>; an address with a path is used as given.</summary>
    private static Uri? HealthUrl(string argument)
    {
        if (!Uri.TryCreate(argument, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return null;
        }
        return uri.AbsolutePath == "/" ? new Uri(uri, "healthz") : uri;
    }
}
