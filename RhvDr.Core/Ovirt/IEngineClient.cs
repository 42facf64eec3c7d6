namespace RhvDr.Core.Ovirt;

/// <summary>
/// One engine's REST API v4. Paths are relative to the API base (<c>vms</c>, <c>datacenters/ID/storagedomains</c>).
/// Errors: <see cref="EngineUnreachableException"/>, <see cref="EngineAuthenticationException"/>, <see cref="OvirtFaultException"/>.
/// </summary>
public interface IEngineClient
{
    EngineEndpoint Endpoint { get; }

    /// <summary>GET one object or any shape the caller models.</summary>
    Task<T> GetAsync<T>(string path, CancellationToken cancellationToken = default);

    /// <summary>GET a collection (<c>{"vm":[...]}</c>; <c>{}</c> is empty).</summary>
    Task<IReadOnlyList<T>> GetListAsync<T>(string path, CancellationToken cancellationToken = default);

    /// <summary>GET a collection filtered by the engine's search language, e.g. <c>name=vm1</c> or <c>status=up and datacenter=Prod</c>.</summary>
    Task<IReadOnlyList<T>> SearchAsync<T>(string collectionPath, string query, CancellationToken cancellationToken = default);

    /// <summary>POST an action (<c>vms/ID/start</c>) with a body (<c>new { }</c> when empty). Not retried: actions are not idempotent.</summary>
    Task<OvirtActionResult> PostActionAsync(string path, object body, string? correlationId, CancellationToken cancellationToken = default);

    /// <summary>POST that adds an object (import a storage domain, attach it) and returns what the engine answered.</summary>
    Task<T> PostAsync<T>(string path, object body, string? correlationId, CancellationToken cancellationToken = default);

    /// <summary>DELETE an object (detach or remove a storage domain).</summary>
    Task DeleteAsync(string path, string? correlationId, CancellationToken cancellationToken = default);

    Task<OvirtApiRoot> GetApiAsync(CancellationToken cancellationToken = default);

    Task<IReadOnlyList<OvirtDataCenter>> GetDataCentersAsync(CancellationToken cancellationToken = default);

    Task<IReadOnlyList<OvirtCluster>> GetClustersAsync(CancellationToken cancellationToken = default);

    Task<IReadOnlyList<OvirtHost>> GetHostsAsync(CancellationToken cancellationToken = default);

    Task<IReadOnlyList<OvirtStorageDomain>> GetStorageDomainsAsync(CancellationToken cancellationToken = default);

    /// <summary>The domains attached to a data center, with their attached status (the only place that status exists).</summary>
    Task<IReadOnlyList<OvirtStorageDomain>> GetAttachedStorageDomainsAsync(string dataCenterId, CancellationToken cancellationToken = default);

    /// <summary>All VMs; with <paramref name="includeDisks"/> each carries its disk attachments and disks in the same call.</summary>
    Task<IReadOnlyList<OvirtVm>> GetVmsAsync(bool includeDisks = false, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<OvirtDisk>> GetDisksAsync(CancellationToken cancellationToken = default);

    Task<IReadOnlyList<OvirtDiskAttachment>> GetDiskAttachmentsAsync(string vmId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<OvirtTemplate>> GetTemplatesAsync(CancellationToken cancellationToken = default);

    /// <summary>All templates, each with its disk attachments and disks (<c>follow=disk_attachments.disk</c>) in the same call.</summary>
    Task<IReadOnlyList<OvirtTemplate>> GetTemplatesWithDisksAsync(CancellationToken cancellationToken = default);

    /// <summary>All VMs with their disks and NICs inlined (<c>follow=disk_attachments.disk,nics</c>): what an inventory poll reads.</summary>
    Task<IReadOnlyList<OvirtVm>> GetVmsWithDisksAndNicsAsync(CancellationToken cancellationToken = default);

    Task<IReadOnlyList<OvirtAffinityGroup>> GetAffinityGroupsAsync(string clusterId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<OvirtAffinityLabel>> GetAffinityLabelsAsync(CancellationToken cancellationToken = default);

    Task<IReadOnlyList<OvirtNetwork>> GetNetworksAsync(CancellationToken cancellationToken = default);

    Task<IReadOnlyList<OvirtVnicProfile>> GetVnicProfilesAsync(CancellationToken cancellationToken = default);

    /// <summary>Events newer than <paramref name="afterId"/>; with null, only the newest event (to learn where to start).</summary>
    Task<IReadOnlyList<OvirtEvent>> GetEventsAsync(long? afterId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<OvirtJob>> GetJobsAsync(string correlationId, CancellationToken cancellationToken = default);

    /// <summary>One VM (<c>GET vms/{id}</c>), with its disk attachments and disks inlined when asked; null when the engine has no such VM.</summary>
    Task<OvirtVm?> FindVmAsync(string vmId, bool includeDisks = false, CancellationToken cancellationToken = default);

    /// <summary>One host (<c>GET hosts/{id}</c>); null when the engine has no such host.</summary>
    Task<OvirtHost?> FindHostAsync(string hostId, CancellationToken cancellationToken = default);

    /// <summary>One template (<c>GET templates/{id}</c>); null when the engine has no such template.</summary>
    Task<OvirtTemplate?> FindTemplateAsync(string templateId, CancellationToken cancellationToken = default);

    /// <summary>The affinity labels a VM carries (<c>GET vms/{id}/affinitylabels</c>); empty when the VM is gone.</summary>
    Task<IReadOnlyList<OvirtAffinityLabel>> GetVmAffinityLabelsAsync(string vmId, CancellationToken cancellationToken = default);
}
