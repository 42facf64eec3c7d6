using RhvDr.Lab.Control;

namespace RhvDr.Tests.Components;

/// <summary>Records what the Lab page asked for; can be told to fail.</summary>
public sealed class FakeLabControl : ILabControl
{
    private readonly List<string> _calls = [];

    public IReadOnlyList<string> Calls
    {
        get
        {
            lock (_calls)
            {
                return _calls.ToList();
            }
        }
    }

    public Exception? FailWith { get; set; }

    public LabStatus Status { get; set; } = new("active-passive", 0.1,
    [
        new LabSiteStatus("primary", "Prod", true, "http://127.0.0.1/lab/primary", 8, 0, 4, 120),
        new LabSiteStatus("recovery", "Recovery", true, "http://127.0.0.1/lab/recovery", 8, 0, 4, 0),
    ], LabFaults.None);

    public Task<LabStatus> GetStatusAsync(CancellationToken cancellationToken = default) => Task.FromResult(Status);

    public Task SetSiteDownAsync(string site, CancellationToken cancellationToken = default) => Record($"down {site}");

    public Task SetSiteUpAsync(string site, CancellationToken cancellationToken = default) => Record($"up {site}");

    public Task SetHostDownAsync(string site, string host, bool down, CancellationToken cancellationToken = default) =>
        Record($"host {site}/{host} {(down ? "down" : "up")}");

    public Task SetFaultsAsync(LabFaults faults, CancellationToken cancellationToken = default) =>
        Record($"faults {faults.ErrorRate} {faults.LatencyMs}");

    private Task Record(string call)
    {
        lock (_calls)
        {
            _calls.Add(call);
        }
        return FailWith is { } ex ? Task.FromException(ex) : Task.CompletedTask;
    }
}
