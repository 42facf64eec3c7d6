namespace RhvDr.Core.Mapping;

/// <summary>
/// Checks a mapping the way <c>ovirt-dr validate</c> does, and more: besides structure and existence it checks that
/// every object a protected VM uses is mapped, naming the VMs that would come up broken at the recovery site.
/// </summary>
public static class MappingValidator
{
    /// <summary>The hosted engine's domain name, which the role refuses to recover.</summary>
    public const string HostedStorageName = "hosted_storage";

    /// <summary>
    /// Checks that need no engine: names present and unique per side, one master per side, supported domain types
    /// and the keys each type needs. (That each mapping key is a list is checked while importing: a model is always a list.)
    /// </summary>
    /// <param name="inventories">Each side's inventory where it is known: a side whose data center already has an active master needs none marked.</param>
    public static IReadOnlyList<MappingFinding> ValidateStructure(DrMapping mapping, MappingSourceMap? source = null, Func<MappingSide, MappingInventory?>? inventories = null)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        var sink = new MappingFindingSink(source);
        MappingStructureRules.Check(mapping, sink, inventories);
        return sink.Findings;
    }

    /// <summary>Structure, then every mapped object against each side's inventory, then coverage of protected VMs.</summary>
    public static IReadOnlyList<MappingFinding> Validate(
        DrMapping mapping,
        MappingInventory primary,
        MappingInventory secondary,
        IEnumerable<EngineCheck>? engineChecks = null,
        MappingSourceMap? source = null)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(primary);
        ArgumentNullException.ThrowIfNull(secondary);
        var sink = new MappingFindingSink(source);
        ReportEngineChecks(engineChecks, sink);
        MappingStructureRules.Check(mapping, sink, side => side == MappingSide.Primary ? primary : secondary);
        MappingInventoryRules.Check(mapping, primary, secondary, sink);
        MappingCoverageRules.Check(mapping, primary, secondary, sink);
        return sink.Findings;
    }

    /// <summary>
    /// When an engine cannot be read: the engine checks and the structure only. Checking against an empty inventory would
    /// bury the one finding that matters (the engine is down) under a "missing" error for every object.
    /// </summary>
    public static IReadOnlyList<MappingFinding> ValidateWithoutInventories(DrMapping mapping, IEnumerable<EngineCheck> engineChecks, MappingSourceMap? source = null)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        var sink = new MappingFindingSink(source);
        ReportEngineChecks(engineChecks, sink);
        MappingStructureRules.Check(mapping, sink);
        return sink.Findings;
    }

    /// <summary>
    /// For a disaster run whose lost site the console has not read since it started: only <paramref name="side"/> is checked
    /// against <paramref name="inventory"/>, besides the structure. The lost side's objects, cluster versions across the sites
    /// and the coverage of the protected VMs need the lost site's inventory and are not checked; its engine check says so.
    /// </summary>
    public static IReadOnlyList<MappingFinding> ValidateOneSide(
        DrMapping mapping,
        MappingSide side,
        MappingInventory inventory,
        IEnumerable<EngineCheck> engineChecks,
        MappingSourceMap? source = null)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(inventory);
        var sink = new MappingFindingSink(source);
        ReportEngineChecks(engineChecks, sink);
        MappingStructureRules.Check(mapping, sink, s => s == side ? inventory : null);
        MappingInventoryRules.CheckSide(mapping, side, inventory, sink);
        return sink.Findings;
    }

    private static void ReportEngineChecks(IEnumerable<EngineCheck>? engineChecks, MappingFindingSink sink)
    {
        foreach (var check in engineChecks ?? [])
        {
            var side = DrMappingKeys.SideName(check.Side);
            if (check.Reachable)
            {
                sink.Info(MappingFindingCodes.EngineReachable, DrMappingKeys.SiteUrl(check.Side),
                    $"The {side} engine answered: {check.Message}.", "Nothing to do.");
            }
            else if (check.CheckedAgainstLastInventory)
            {
                sink.Warning(MappingFindingCodes.EngineLastInventory, DrMappingKeys.SiteUrl(check.Side),
                    $"{check.Summary}: {check.Message}. Objects changed at the {side} site after that read were not seen.",
                    "Nothing to do for a disaster run: that site is lost. The other side was checked live.");
            }
            else if (check.Lost)
            {
                sink.Warning(MappingFindingCodes.EngineLostNotChecked, DrMappingKeys.SiteUrl(check.Side),
                    $"{check.Summary}: {check.Message}. The objects at the {side} site and what its VMs use could not be checked.",
                    $"A disaster run goes ahead without this check; the other side was checked live. Compare the mapping with what you know of the {side} site.");
            }
            else
            {
                sink.Error(MappingFindingCodes.EngineUnreachable, DrMappingKeys.SiteUrl(check.Side),
                    $"The {side} engine could not be reached: {check.Message}. Objects at the {side} site could not be checked against a live inventory.",
                    $"Check the {side} engine URL, credentials and CA, and that the engine is up.");
            }
        }
    }
}
