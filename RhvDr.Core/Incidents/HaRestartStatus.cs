namespace RhvDr.Core.Incidents;

/// <summary>The HA restart tracker's picture during a site loss: counts and the VM list, highest HA priority first.</summary>
public sealed record HaRestartStatus(
    IReadOnlyList<string> LostSites,
    DateTimeOffset? Since,
    IReadOnlyList<HaRestartVm> Vms)
{
    public static HaRestartStatus None { get; } = new([], null, []);

    public bool Active => LostSites.Count > 0;

    public int Restarted => Count(HaRestartState.Restarted);

    public int Pending => Count(HaRestartState.Pending);

    public int Failed => Count(HaRestartState.Failed);

    public int ManualAction => Count(HaRestartState.ManualAction);

    /// <summary>Active/Passive: VMs of the lost site that only a failover brings back.</summary>
    public int AwaitingFailover => Count(HaRestartState.AwaitingFailover);

    private int Count(HaRestartState state) => Vms.Count(v => v.State == state);
}
