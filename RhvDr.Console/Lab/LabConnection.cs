using RhvDr.Lab;
using RhvDr.Lab.Array;
using RhvDr.Lab.Control;

namespace RhvDr.Console.Lab;

/// <summary>
/// The embedded lab's control and array API over HTTP, registered only when a site is a lab site (<see cref="EmbeddedLabModule"/>);
/// the Lab page, <c>/api/lab</c> and tests stage faults through it, with the lab's control credential of this start, held in
/// memory only. Calls before the lab has started say so.
/// </summary>
public sealed class LabConnection(IHttpClientFactory httpClientFactory) : ILabControl, ILabArray
{
    public const string HttpClientName = "lab-control";

    private volatile LabControlClient? _control;

    private LabControlClient Control => _control ?? throw new InvalidOperationException("The embedded lab has not started yet.");

    internal void Attach(LabServer lab)
    {
        var http = httpClientFactory.CreateClient(HttpClientName);
        http.BaseAddress = lab.ControlUrl;
        _control = new LabControlClient(http, lab.ControlToken);
    }

    public Task<LabStatus> GetStatusAsync(CancellationToken cancellationToken = default) => Control.GetStatusAsync(cancellationToken);

    public Task SetSiteDownAsync(string site, CancellationToken cancellationToken = default) => Control.SetSiteDownAsync(site, cancellationToken);

    public Task SetSiteUpAsync(string site, CancellationToken cancellationToken = default) => Control.SetSiteUpAsync(site, cancellationToken);

    public Task SetHostDownAsync(string site, string host, bool down, CancellationToken cancellationToken = default) =>
        Control.SetHostDownAsync(site, host, down, cancellationToken);

    public Task SetFaultsAsync(LabFaults faults, CancellationToken cancellationToken = default) => Control.SetFaultsAsync(faults, cancellationToken);

    public Task<IReadOnlyList<LabReplicationPair>> GetPairsAsync(CancellationToken cancellationToken = default) => Control.GetPairsAsync(cancellationToken);

    public Task<LabReplicationPair> ApplyPairActionAsync(string pair, string action, CancellationToken cancellationToken = default) =>
        Control.ApplyPairActionAsync(pair, action, cancellationToken);
}
