using RhvDr.Core.Sites;

namespace RhvDr.Core.Recovery;

/// <summary>One start wave of a planned run: the VMs started together (HA first by priority).</summary>
public sealed record RunPreviewWave(int Number, IReadOnlyList<InventoryVm> Vms)
{
    public int HighlyAvailable => Vms.Count(v => v.HighlyAvailable);
}
