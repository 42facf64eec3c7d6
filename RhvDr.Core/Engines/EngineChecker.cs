using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using RhvDr.Core.Configuration;
using RhvDr.Core.Ovirt;

namespace RhvDr.Core.Engines;

/// <summary>
/// Checks each configured site's engine the way a DR run will use it, one step after another, stopping at the first step
/// that fails: reachable, TLS (with the console's own trust decision), sign-in, product version, and the permits a run
/// needs. Each site gets its own connection, so the certificate is the one presented now, not one pooled earlier.
/// </summary>
public sealed class EngineChecker(IOptions<RhvDrOptions> options, IEngineEndpointResolver endpoints, TimeProvider time) : IEngineChecker
{
    public async Task<EngineCheckReport> CheckAsync(CancellationToken cancellationToken = default)
    {
        var sites = options.Value.Sites;
        var checks = await Task.WhenAll(sites.Select((site, index) => CheckSiteAsync(site, index, cancellationToken))).ConfigureAwait(false);
        return new EngineCheckReport(time.GetUtcNow(), EngineVersionSupport.Range, checks);
    }

    private async Task<SiteEngineCheck> CheckSiteAsync(SiteOptions site, int index, CancellationToken cancellationToken)
    {
        var settings = $"{RhvDrOptions.SectionName}:Sites:{index}";
        var check = new Findings(site);
        if (site.IsEmbedded)
        {
            check.Add("embedded", EngineCheckLevel.Info, $"embedded engine ({site.EngineUrl}): nothing to check; the console hosts it itself");
            return check.Build();
        }
        if (!endpoints.TryGet(site.Name, out var endpoint))
        {
            check.Add("reachable", EngineCheckLevel.Fail, $"no engine endpoint for site '{site.Name}'", $"Set {settings}:EngineUrl to https://ENGINE/ovirt-engine/api.");
            return check.Build();
        }
        check.User = endpoint.Username;

        EngineTlsProbe probe;
        try
        {
            probe = new EngineTlsProbe(endpoint.ApiUrl, endpoint.Tls, settings);
        }
        catch (Exception ex) when (ex is IOException or CryptographicException or UnauthorizedAccessException)
        {
            check.Add("tls", EngineCheckLevel.Fail, $"cannot read the CA file {endpoint.Tls.CaFile}: {ex.Message}", $"Give a PEM file of the engine CA in {settings}:CaFile.");
            return check.Build();
        }
        using (probe)
        using (var http = new HttpClient(probe.Handler, disposeHandler: false) { Timeout = options.Value.EngineTimeout })
        {
            if (!await ReachAsync(check, http, probe, endpoint, settings, cancellationToken).ConfigureAwait(false))
            {
                return check.Build();
            }

            var client = new OvirtEngineClient(http, endpoint, new OvirtTokenCache(time));
            OvirtApiRoot root;
            try
            {
                root = await client.GetApiAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (EngineAuthenticationException ex)
            {
                check.SignedIn = false;
                check.Add("sign-in", EngineCheckLevel.Fail, $"sign-in refused for {endpoint.Username}: {ex.Reason}",
                    $"Check {settings}:Username and {settings}:Password (or the Engine credentials page); the user name carries its profile, e.g. admin@internal.");
                return check.Build();
            }
            catch (EngineException ex)
            {
                check.Add("sign-in", EngineCheckLevel.Fail, $"GET /ovirt-engine/api as {endpoint.Username} failed: {ex.Message}",
                    $"Check that {settings}:EngineUrl is the engine's API (https://ENGINE/ovirt-engine/api) and that the engine is up (systemctl status ovirt-engine).");
                return check.Build();
            }
            check.SignedIn = true;
            check.Add("sign-in", EngineCheckLevel.Ok, $"signed in as {endpoint.Username}");

            var (product, versionLine) = EngineVersionSupport.Evaluate(root.ProductInfo);
            check.Product = product;
            check.Add(versionLine);

            await CheckPermissionsAsync(check, client, root, endpoint.Username, cancellationToken).ConfigureAwait(false);
        }
        return check.Build();
    }

    // An anonymous GET of the API root: any answer (the engine says 401) proves the engine is there and shows its certificate.
    // It is asked twice and the second answer timed: the first includes connecting, the TLS handshake and start-up costs.
    private async Task<bool> ReachAsync(Findings check, HttpClient http, EngineTlsProbe probe, EngineEndpoint endpoint, string settings, CancellationToken cancellationToken)
    {
        try
        {
            await AskAnonymouslyAsync(http, endpoint, cancellationToken).ConfigureAwait(false);
            var started = time.GetTimestamp();
            await AskAnonymouslyAsync(http, endpoint, cancellationToken).ConfigureAwait(false);
            check.ResponseMilliseconds = (long)time.GetElapsedTime(started).TotalMilliseconds;
            check.Reachable = true;
            check.Add("reachable", EngineCheckLevel.Ok, string.Create(CultureInfo.InvariantCulture, $"{endpoint.DisplayName} answered in {check.ResponseMilliseconds} ms"));
            check.Tls = probe.Facts(trusted: probe.Trust != EngineTrust.PlainHttp, time.GetUtcNow());
            check.Add(probe.Accepted(time.GetUtcNow()));
            return true;
        }
        catch (HttpRequestException ex) when (ex.HttpRequestError == HttpRequestError.SecureConnectionError)
        {
            // The engine answered, but the TLS handshake did not end in trust.
            check.Reachable = true;
            check.Add("reachable", EngineCheckLevel.Ok, $"{endpoint.DisplayName} answered the TLS handshake");
            check.Tls = probe.Facts(trusted: false, time.GetUtcNow());
            check.Add(probe.Refused(ex, time.GetUtcNow()));
            return false;
        }
        catch (Exception ex) when (Unreachable(ex, endpoint, cancellationToken) is { } reason)
        {
            check.Reachable = false;
            check.Add("reachable", EngineCheckLevel.Fail, $"{endpoint.DisplayName} is unreachable: {reason}",
                $"Check that {endpoint.ApiUrl.Authority} answers from this machine (DNS, routing, firewall, proxy) and that {settings}:EngineUrl is right.");
            return false;
        }
    }

    private static async Task AskAnonymouslyAsync(HttpClient http, EngineEndpoint endpoint, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, endpoint.ApiUrl);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Add("Version", EngineVersionSupport.ApiVersion);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
    }

    // The words the client uses for the same failure (EngineFailures), never the runtime's own exception text.
    private string? Unreachable(Exception ex, EngineEndpoint endpoint, CancellationToken cancellationToken) =>
        EngineFailures.FromTransport(endpoint, ex, options.Value.EngineTimeout, cancellationToken) is EngineUnreachableException unreachable ? unreachable.Reason : null;

    private static async Task CheckPermissionsAsync(Findings check, OvirtEngineClient client, OvirtApiRoot root, string username, CancellationToken cancellationToken)
    {
        const string Grant = "Administration › Configure › System Permissions › Add";
        EnginePermissionFacts facts;
        try
        {
            facts = await EnginePermissionReader.ReadAsync(client, root.AuthenticatedUser?.Id, cancellationToken).ConfigureAwait(false);
        }
        catch (EngineException ex)
        {
            check.Add("permissions", EngineCheckLevel.Fail, $"cannot read the permissions of {username}: {ex.Message}",
                $"A DR run needs an administrative user: grant {username} the SuperUser role on the system ({Grant}).");
            return;
        }
        check.Permissions = facts;
        var needed = DrPermits.Needed.Count;
        var holds = facts.Grants.Count == 0 ? "no role" : string.Join(", ", facts.Grants);
        if (facts.Missing.Count == 0)
        {
            check.Add("permissions", EngineCheckLevel.Ok, string.Create(CultureInfo.InvariantCulture, $"all {needed} permits a DR run needs, from {holds}"));
            return;
        }
        check.Add(new EngineCheckLine("permissions", EngineCheckLevel.Fail,
            string.Create(CultureInfo.InvariantCulture, $"{username} holds {holds}; missing {facts.Missing.Count} of {needed} permits a DR run needs: {string.Join(", ", facts.Missing.Select(p => p.Name))}"),
            $"Grant {username} the SuperUser role on the system ({Grant}), or a custom administrative role with these permits on the system.",
            [.. facts.Missing.Select(p => $"{p.Name}: {p.Purpose}{(p.SystemOnly ? "; the engine checks it on the system only" : "")}")]));
    }

    /// <summary>What one site's check has found so far.</summary>
    private sealed class Findings(SiteOptions site)
    {
        private readonly List<EngineCheckLine> _lines = [];

        public string? User { get; set; }

        public bool? Reachable { get; set; }

        public long? ResponseMilliseconds { get; set; }

        public EngineTlsFacts? Tls { get; set; }

        public bool? SignedIn { get; set; }

        public EngineProductFacts? Product { get; set; }

        public EnginePermissionFacts? Permissions { get; set; }

        public void Add(string topic, EngineCheckLevel level, string message, string? fix = null) => _lines.Add(new EngineCheckLine(topic, level, message, fix));

        public void Add(EngineCheckLine line) => _lines.Add(line);

        public SiteEngineCheck Build() =>
            new(site.Name, site.Role, site.EngineUrl, site.IsEmbedded, User, Reachable, ResponseMilliseconds, Tls, SignedIn, Product, Permissions, [.. _lines]);
    }
}
