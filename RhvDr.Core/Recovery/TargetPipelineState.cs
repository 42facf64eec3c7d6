using System.Collections.Concurrent;
using RhvDr.Core.Ovirt;

namespace RhvDr.Core.Recovery;

/// <summary>
/// What one execution of the target side's pipeline shares between its per-domain workers: what the engine held when it
/// began, each domain's progress, the bounds on operations in flight and the start queue.
/// </summary>
internal sealed class TargetPipelineState(int domains, int parallelism) : IDisposable
{
    public required IEngineClient Client { get; init; }

    public required OvirtDataCenter DataCenter { get; init; }

    public required Dictionary<string, object?> RegistrationBody { get; init; }

    /// <summary>An up host to import through; null when the import step is done.</summary>
    public required OvirtHost? ImportHost { get; init; }

    /// <summary>The target's storage domains when the pipeline began.</summary>
    public required IReadOnlyList<OvirtStorageDomain> StorageDomainsAtStart { get; init; }

    /// <summary>VM id → status of the VMs registered at the target when the pipeline began.</summary>
    public required IReadOnlyDictionary<string, VmStatus?> VmsAtStart { get; init; }

    /// <summary>The plan's domains (indexes) each VM has disks on, from the source's inventory.</summary>
    public required IReadOnlyDictionary<string, int[]> VmDomains { get; init; }

    public required TemplateGate Templates { get; init; }

    public required ConcurrentStep ImportStep { get; init; }

    public required ConcurrentStep AttachStep { get; init; }

    public required ConcurrentStep TemplateStep { get; init; }

    public required ConcurrentStep RegisterStep { get; init; }

    /// <summary>The recovery plan's start order with its priority groups' steps; null for a run without a plan.</summary>
    public Procedures.PlanStartPolicy? PlanPolicy { get; init; }

    /// <summary>The start queue the registered VMs are handed to.</summary>
    public required Procedures.VmStarts Starts { get; init; }

    public TaskCompletionSource<string>[] Imported { get; } = Sources<string>(domains);

    public TaskCompletionSource<bool>[] Active { get; } = Sources<bool>(domains);

    public TaskCompletionSource<bool>[] TemplatesListed { get; } = Sources<bool>(domains);

    public TaskCompletionSource<bool>[] TemplatesDone { get; } = Sources<bool>(domains);

    public TaskCompletionSource<bool>[] VmsDone { get; } = Sources<bool>(domains);

    /// <summary>Domains this execution imported: they are unattached, so their attach needs no check first.</summary>
    public ConcurrentDictionary<string, bool> ImportedNow { get; } = new(StringComparer.Ordinal);

    /// <summary>VMs this execution registers (a VM with disks on two domains is listed by both).</summary>
    public ConcurrentDictionary<string, bool> Claimed { get; } = new(StringComparer.Ordinal);

    public SemaphoreSlim Imports { get; } = new(parallelism);

    public SemaphoreSlim Attaches { get; } = new(parallelism);

    /// <summary>Template and VM registrations in flight: templates first, then VMs in the order they start.</summary>
    public RankedSlots Registrations { get; } = new(parallelism);

    public int ImportCount;

    public int TemplatesRegistered;

    public int TemplatesRefused;

    public void Dispose()
    {
        Imports.Dispose();
        Attaches.Dispose();
        Starts.Dispose();
    }

    private static TaskCompletionSource<T>[] Sources<T>(int count) =>
        [.. Enumerable.Range(0, count).Select(_ => new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously))];
}
