using System.Globalization;
using System.Net.Sockets;
using RhvDr.Core.Plans;

namespace RhvDr.Core.Recovery.Procedures;

/// <summary>One attempt of a plan VM's probe, from the console: a TCP connection to <c>host:port</c>, or an HTTP GET that answers 2xx.</summary>
internal static class VmProbeRunner
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler { AllowAutoRedirect = true }) { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>Null when the probe answered; otherwise what went wrong, in words.</summary>
    public static async Task<string?> TryAsync(VmProbe probe, TimeSpan attempt, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(attempt);
        try
        {
            if (probe.Kind == VmProbeKind.Tcp)
            {
                var colon = probe.Target.LastIndexOf(':');
                using var tcp = new TcpClient();
                await tcp.ConnectAsync(probe.Target[..colon].Trim('[', ']'), int.Parse(probe.Target[(colon + 1)..], CultureInfo.InvariantCulture), timeout.Token).ConfigureAwait(false);
                return null;
            }

            using var response = await Http.GetAsync(new Uri(probe.Target), HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? null : $"answered {(int)response.StatusCode}";
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return $"no answer within {attempt.TotalSeconds:0} s";
        }
        catch (Exception ex) when (ex is SocketException or HttpRequestException or FormatException or ArgumentException)
        {
            return ex.Message;
        }
    }

    public static string Describe(VmProbe probe) => $"{(probe.Kind == VmProbeKind.Tcp ? "tcp" : "http")} {probe.Target}";
}
