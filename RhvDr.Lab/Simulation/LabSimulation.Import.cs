using RhvDr.Lab.Array;
using RhvDr.Lab.Resources;

namespace RhvDr.Lab.Simulation;

/// <summary>Adding a storage domain: a new empty one, or an import of the volume the array presents at this site.</summary>
public sealed partial class LabSimulation
{
    /// <summary>
    /// <c>POST /storagedomains</c>: imports a replica the array presents at this site (block by id, file by address and path),
    /// or adds a new empty domain. The replica carries the OVF store as of its last sync, which decides what can be registered.
    /// </summary>
    public async Task<SimStorageDomain> AddStorageDomainAsync(SimEngine engine, ResourceNode body, string? correlationId, CancellationToken cancellationToken)
    {
        SimStorageDomain Validate()
        {
            var hostRef = body.Child("host");
            var host = (hostRef is null ? null : engine.FindHost(hostRef.Id ?? hostRef.TextAt("name") ?? ""))
                ?? throw EngineFaultException.BadRequest("Cannot add Storage. A host (host.id or host.name) is required");
            if (host.Status != "up")
            {
                throw EngineFaultException.Conflict($"Cannot add Storage Connection. Host {host.Name} status is {host.Status}");
            }

            var storageType = body.TextAt("storage", "type") ?? throw EngineFaultException.BadRequest("storage.type is required");
            var type = body.TextAt("type") ?? "data";
            var isImport = body.BoolAt("import") ?? false;
            _array.Refresh();
            ReplicationPair? pair;
            string? address;
            string? path = null;
            string? target = null;
            if (storageType is "iscsi" or "fcp")
            {
                var id = body.Id ?? throw EngineFaultException.BadRequest("Cannot import Storage Domain. The id of the block storage domain is required");
                pair = Pairs.FirstOrDefault(p => p.DomainId == id && p.Endpoints.ContainsKey(engine.Site) && p.SourceSite != engine.Site)
                    ?? Pairs.FirstOrDefault(p => p.DomainId == id && p.SourceSite == engine.Site);
                if (pair is null)
                {
                    throw EngineFaultException.Conflict($"Cannot import Storage Domain. No LUNs of storage domain {id} are visible to host {host.Name}");
                }

                var endpoint = pair.Endpoints[engine.Site];

                // Logical units with connection details make the engine connect the host itself, as an explicit iscsilogin does.
                var unit = body.NodeAt("storage", "logical_units", "logical_unit") ?? body.NodeAt("storage", "volume_group", "logical_units", "logical_unit");
                if (unit?.TextAt("address") == endpoint.Address && (unit.TextAt("target") is null || unit.TextAt("target") == endpoint.Target))
                {
                    host.IscsiSessions.Add(endpoint.Address);
                }

                if (!host.IscsiSessions.Contains(endpoint.Address))
                {
                    throw EngineFaultException.Conflict(
                        $"Cannot import Storage Domain. The LUNs of storage domain {id} are not visible to host {host.Name}: log the host in to iSCSI target {endpoint.Target} at {endpoint.Address} first");
                }

                address = endpoint.Address;
                target = endpoint.Target;
            }
            else
            {
                address = body.TextAt("storage", "address") ?? throw EngineFaultException.BadRequest("storage.address is required");
                path = body.TextAt("storage", "path") ?? throw EngineFaultException.BadRequest("storage.path is required");
                var a = address;
                var p2 = path;
                pair = Pairs.FirstOrDefault(p => p.Endpoints.TryGetValue(engine.Site, out var ep) && ep.Address == a && ep.Path == p2);
            }

            var name = body.TextAt("name") ?? pair?.DomainName ?? throw EngineFaultException.BadRequest("name is required");
            if (engine.StorageDomains.Values.Any(d => d.Name == name))
            {
                throw EngineFaultException.Conflict("Cannot add Storage. The Storage Domain name is already in use");
            }

            if (pair is null)
            {
                if (isImport)
                {
                    throw EngineFaultException.Conflict($"Cannot import Storage Domain. There is no storage domain at {address}:{path}");
                }

                return new SimStorageDomain
                {
                    Id = Guid.NewGuid().ToString(), Name = name, Type = type, StorageType = storageType, Address = address, Path = path,
                    AvailableBytes = 2L << 40, UsedBytes = 4L << 30, CommittedBytes = 0,
                };
            }

            if (engine.StorageDomains.ContainsKey(pair.DomainId))
            {
                throw EngineFaultException.Conflict($"Cannot import Storage Domain. Storage Domain {pair.DomainId} already exists in this engine");
            }

            var (vms, templates, ovfAt) = _array.ImportableContent(pair, engine.Site);
            return new SimStorageDomain
            {
                Id = pair.DomainId, Name = name, Type = type, StorageType = pair.StorageType, Address = address, Path = path, Target = target,
                AvailableBytes = pair.SizeBytes - pair.UsedBytes, UsedBytes = pair.UsedBytes, CommittedBytes = pair.CommittedBytes,
                OvfVms = vms, OvfTemplates = templates, OvfUpdatedAt = ovfAt,
            };
        }

        // An import brings the array up to date first, which reads what the source site's domain holds.
        var operation = new EngineOperation<SimStorageDomain>
        {
            Description = "Adding Storage Domain",
            CorrelationId = correlationId,
            Scope = LockScope.Everything,
            Validate = Validate,
            Apply = created =>
            {
                created.Status = "locked";
                engine.StorageDomains[created.Id] = created;
            },
            Duration = _ => ImportSeconds,
            Complete = created =>
            {
                created.Status = "unattached";
                AddEvent(engine, EventCodes.UserAddStorageDomain, $"Storage Domain {created.Name} was added by {EventCodes.UserName}", storageDomainId: created.Id, correlationId: correlationId);
            },
        };
        return (await RunOperationForTargetAsync(engine, operation, wait: true, cancellationToken).ConfigureAwait(false)).Target;
    }
}
