namespace RhvDr.Core.Readiness.Checks;

/// <summary>
/// Protected VMs that are delete-protected (the cleanup for failback cannot remove them) or previewing a snapshot
/// (failover and failback do not support them). Snapshot previews are seen through the mapping inventory when it is available.
/// </summary>
public sealed class VmProtectionCheck : IReadinessCheck
{
    public string Id => "vm-protection";

    public string Title => "Delete-protected VMs and VMs in snapshot preview";

    public int Weight => 5;

    public async Task<CheckResult> EvaluateAsync(ReadinessContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Primary is not { } primary || primary.Inventory.CollectedAt == DateTimeOffset.MinValue)
        {
            return CheckResult.CannotRun("the primary engine has not been read", "Bring the primary engine back.", CheckSeverity.Warning);
        }

        var vms = context.ProtectedVms;
        var evidence = vms.Where(v => v.DeleteProtected).Select(v => $"{v.Name}: delete protected").ToList();
        var mapping = await context.GetMappingAsync(cancellationToken).ConfigureAwait(false);
        var names = vms.Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
        var previewNote = "";
        if (mapping.Primary is { } inventory)
        {
            evidence.AddRange(inventory.Vms.Where(v => v.InSnapshotPreview && names.Contains(v.Name)).Select(v => $"{v.Name}: previewing a snapshot"));
        }
        else
        {
            previewNote = " Snapshot previews were not checked: the mapping inventory is not available.";
        }

        if (evidence.Count == 0)
        {
            return CheckResult.Pass($"No protected VM is delete protected or previewing a snapshot.{previewNote}");
        }
        return CheckResult.Fail($"{evidence.Count} protected VM(s) would block failover or the cleanup for failback.{previewNote}", evidence,
            "Clear 'Delete Protection' on the VMs listed (Edit VM > General), and commit or undo their snapshot previews.", CheckSeverity.Warning);
    }
}
