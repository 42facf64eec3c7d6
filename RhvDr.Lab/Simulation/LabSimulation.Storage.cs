using RhvDr.Lab.Resources;

namespace RhvDr.Lab.Simulation;

/// <summary>Storage domain life cycle: attach, activate, maintenance, detach, remove, OVF updates.</summary>
public sealed partial class LabSimulation
{
    private const double ImportSeconds = 20;
    private const double AttachSeconds = 15;
    private const double ActivateSeconds = 10;
    private const double DeactivateSeconds = 10;
    private const double DetachSeconds = 10;
    private const double RemoveSeconds = 5;
    private const double OvfUpdateSeconds = 5;

    public async Task<SimStorageDomain> AttachStorageDomainAsync(SimEngine engine, string dataCenterId, ResourceNode body, string? correlationId, bool wait, CancellationToken cancellationToken)
    {
        (SimStorageDomain Domain, SimDataCenter Dc) Validate()
        {
            var dc = engine.DataCenters.GetValueOrDefault(dataCenterId) ?? throw EngineFaultException.NotFound("data center", dataCenterId);
            var domain = engine.FindStorageDomain(body.Id, body.TextAt("name"))
                ?? throw EngineFaultException.NotFound("storage domain", body.Id ?? body.TextAt("name") ?? "");
            if (domain.DataCenterId is not null)
            {
                throw EngineFaultException.Conflict($"Cannot attach Storage. Storage Domain {domain.Name} is already attached to a Data Center");
            }

            if (domain.Status != "unattached")
            {
                throw EngineFaultException.Conflict($"Cannot attach Storage. The relevant Storage Domain's status is {domain.Status}");
            }

            EnsureSpm(engine, "attach Storage");
            return (domain, dc);
        }

        var operation = new EngineOperation<(SimStorageDomain Domain, SimDataCenter Dc)>
        {
            Description = $"Attaching Storage Domain {body.Id ?? body.TextAt("name")} to Data Center {engine.DataCenterName}",
            CorrelationId = correlationId,
            SpmQueue = engine.DataCenters.GetValueOrDefault(dataCenterId),
            Validate = Validate,
            Apply = t =>
            {
                t.Domain.DataCenterId = t.Dc.Id;
                t.Domain.Status = "locked";
            },
            Duration = _ => AttachSeconds,
            Complete = t =>
            {
                var (domain, dc) = t;

                // Attaching activates the domain, as the engine does; the first data domain of an empty pool becomes master.
                domain.Status = "active";
                domain.Master = domain.Type == "data" && !engine.StorageDomains.Values.Any(d => d.Master && d.DataCenterId == dc.Id && d != domain);
                AddEvent(engine, EventCodes.UserAttachStorageDomainToPool, $"Storage Domain {domain.Name} was attached to Data Center {dc.Name} by {EventCodes.UserName}", storageDomainId: domain.Id, correlationId: correlationId);
            },
        };
        return (await RunOperationForTargetAsync(engine, operation, wait, cancellationToken).ConfigureAwait(false)).Target.Domain;
    }

    public Task<SimJob> ActivateStorageDomainAsync(SimEngine engine, string dataCenterId, string domainId, string? correlationId, bool wait, CancellationToken cancellationToken)
    {
        var domain = AttachedDomainOf(engine, dataCenterId, domainId);
        SimStorageDomain Validate()
        {
            if (domain.Status is not ("maintenance" or "inactive" or "unknown"))
            {
                throw EngineFaultException.Conflict($"Cannot activate Storage. The relevant Storage Domain's status is {domain.Status}");
            }

            if (!DomainWriteableAt(engine.Site, domain.Id))
            {
                throw EngineFaultException.Conflict($"Cannot activate Storage. Storage Domain {domain.Name} is read-only at this site (replication target)");
            }

            EnsureSpm(engine, "activate Storage");
            return domain;
        }

        // The array says whether the domain's volume is writeable here.
        var operation = new EngineOperation<SimStorageDomain>
        {
            Description = $"Activating Storage Domain {domain.Name} on Data Center {engine.DataCenterName}",
            CorrelationId = correlationId,
            SpmQueue = engine.DataCenters[dataCenterId],
            Scope = LockScope.EngineAndArray,
            Validate = Validate,
            Apply = domain => domain.Status = "activating",
            Duration = _ => ActivateSeconds,
            Complete = domain =>
            {
                domain.Status = "active";
                if (domain.Type == "data" && !engine.StorageDomains.Values.Any(d => d.Master && d.Status == "active" && d.DataCenterId == dataCenterId && d != domain))
                {
                    domain.Master = true;
                }

                AddEvent(engine, EventCodes.UserActivatedStorageDomain, $"Storage Domain {domain.Name} (Data Center {engine.DataCenterName}) was activated by {EventCodes.UserName}", storageDomainId: domain.Id, correlationId: correlationId);
            },
        };
        return RunOperationAsync(engine, operation, wait, cancellationToken);
    }

    public Task<SimJob> DeactivateStorageDomainAsync(SimEngine engine, string dataCenterId, string domainId, bool force, string? correlationId, bool wait, CancellationToken cancellationToken)
    {
        var domain = AttachedDomainOf(engine, dataCenterId, domainId);
        SimStorageDomain Validate()
        {
            if (domain.Status != "active")
            {
                throw EngineFaultException.Conflict($"Cannot deactivate Storage. The relevant Storage Domain's status is {domain.Status}");
            }

            var running = engine.Vms.Values.Where(v => v.Status != "down" && v.StorageDomainIds.Contains(domain.Id, StringComparer.Ordinal)).Select(v => v.Name).Take(10).ToList();
            if (running.Count > 0)
            {
                throw EngineFaultException.Conflict($"Cannot deactivate Storage. The following VMs are running on the Storage Domain: {string.Join(", ", running)}");
            }

            EnsureSpm(engine, "deactivate Storage");
            return domain;
        }

        var operation = new EngineOperation<SimStorageDomain>
        {
            Description = $"Deactivating Storage Domain {domain.Name} in Data Center {engine.DataCenterName}",
            CorrelationId = correlationId,
            SpmQueue = engine.DataCenters[dataCenterId],
            Validate = Validate,
            Apply = domain =>
            {
                domain.Status = "preparing_for_maintenance";
                if (domain.Type == "data")
                {
                    // The engine writes the OVF store on the way to maintenance (force: even when that write fails).
                    EstateGenerator.WriteOvf(engine, domain, Now);
                }
            },
            Duration = _ => DeactivateSeconds,
            Complete = domain =>
            {
                domain.Status = "maintenance";
                var lastMaster = false;
                if (domain.Master)
                {
                    domain.Master = false;
                    var successor = engine.StorageDomains.Values.FirstOrDefault(d => d.DataCenterId == dataCenterId && d.Type == "data" && d.Status == "active" && !d.HostedEngine)
                        ?? engine.StorageDomains.Values.FirstOrDefault(d => d.DataCenterId == dataCenterId && d.Type == "data" && d.Status == "active");
                    if (successor is not null)
                    {
                        successor.Master = true;
                    }
                    else
                    {
                        domain.Master = true;
                        lastMaster = true;
                        engine.DataCenters[dataCenterId].Status = "maintenance";
                    }
                }

                if (lastMaster)
                {
                    AddEvent(engine, EventCodes.UserDeactivatedLastMasterStorageDomain, $"Storage Domain {domain.Name} (Data Center {engine.DataCenterName}) was deactivated.", storageDomainId: domain.Id, correlationId: correlationId);
                }
                else
                {
                    AddEvent(engine, EventCodes.UserDeactivatedStorageDomain,
                        $"Storage Domain {domain.Name} (Data Center {engine.DataCenterName}) was deactivated and has moved to 'Preparing for maintenance' until it will no longer be accessed by any Host of the Data Center.",
                        storageDomainId: domain.Id, correlationId: correlationId);
                }
            },
        };
        return RunOperationAsync(engine, operation, wait, cancellationToken);
    }

    public Task<SimJob> DetachStorageDomainAsync(SimEngine engine, string dataCenterId, string domainId, string? correlationId, bool wait, CancellationToken cancellationToken)
    {
        var domain = AttachedDomainOf(engine, dataCenterId, domainId);
        SimStorageDomain Validate()
        {
            if (domain.Status != "maintenance")
            {
                throw EngineFaultException.Conflict($"Cannot detach Storage. The relevant Storage Domain's status is {domain.Status}");
            }

            var others = engine.StorageDomains.Values.Count(d => d.DataCenterId == dataCenterId && d != domain);
            if (domain.Master && others > 0)
            {
                throw EngineFaultException.Conflict("Cannot detach Storage. The master Storage Domain can be detached only when it is the last domain of the Data Center");
            }

            EnsureSpm(engine, "detach Storage");
            return domain;
        }

        var operation = new EngineOperation<SimStorageDomain>
        {
            Description = $"Detaching Storage Domain {domain.Name} from Data Center {engine.DataCenterName}",
            CorrelationId = correlationId,
            SpmQueue = engine.DataCenters[dataCenterId],
            Validate = Validate,
            Apply = domain => domain.Status = "detaching",
            Duration = _ => DetachSeconds,
            Complete = domain =>
            {
                domain.DataCenterId = null;
                domain.Status = "unattached";
                domain.Master = false;

                // The engine forgets the domain's VMs and templates; their definitions stay in the OVF store.
                foreach (var vm in engine.Vms.Values.Where(v => v.StorageDomainIds.Contains(domain.Id, StringComparer.Ordinal)).ToList())
                {
                    engine.Vms.Remove(vm.Id);
                    foreach (var group in engine.AffinityGroups.Values)
                    {
                        group.VmIds.Remove(vm.Id);
                    }

                    foreach (var label in engine.AffinityLabels.Values)
                    {
                        label.VmIds.Remove(vm.Id);
                    }
                }

                foreach (var template in engine.Templates.Values.Where(t => t.StorageDomainId == domain.Id).ToList())
                {
                    engine.Templates.Remove(template.Id);
                }

                AddEvent(engine, EventCodes.UserDetachStorageDomainFromPool, $"Storage Domain {domain.Name} was detached from Data Center {engine.DataCenterName} by {EventCodes.UserName}", storageDomainId: domain.Id, correlationId: correlationId);
            },
        };
        return RunOperationAsync(engine, operation, wait, cancellationToken);
    }

    /// <summary><c>DELETE /storagedomains/{id}</c>: an unattached domain, with a host (no format) or destroy=true (forget it in any state).</summary>
    public Task<SimJob> RemoveStorageDomainAsync(SimEngine engine, string domainId, string? hostName, bool destroy, bool format, string? correlationId, bool wait, CancellationToken cancellationToken)
    {
        SimStorageDomain Validate()
        {
            var domain = engine.StorageDomains.GetValueOrDefault(domainId) ?? throw EngineFaultException.NotFound("storage domain", domainId);
            if (destroy)
            {
                return domain;
            }

            if (domain.DataCenterId is not null || domain.Status != "unattached")
            {
                throw EngineFaultException.Conflict($"Cannot remove Storage. The relevant Storage Domain's status is {domain.Status}; detach it first");
            }

            if (hostName is null)
            {
                throw EngineFaultException.BadRequest("Cannot remove Storage. The host parameter is required unless destroy=true");
            }

            var host = engine.FindHost(hostName) ?? throw EngineFaultException.NotFound("host", hostName);
            if (host.Status != "up")
            {
                throw EngineFaultException.Conflict($"Cannot remove Storage. Host {host.Name} status is {host.Status}");
            }

            return domain;
        }

        // What the removal leaves on the volume is the array's to keep.
        var operation = new EngineOperation<SimStorageDomain>
        {
            Description = $"Removing Storage Domain {domainId}",
            CorrelationId = correlationId,
            Scope = LockScope.EngineAndArray,
            Validate = Validate,
            Duration = _ => RemoveSeconds,
            Complete = domain =>
            {
                engine.StorageDomains.Remove(domain.Id);

                // Removing without format leaves the data on the volume: a later sync or import still finds the OVF store.
                foreach (var pair in Pairs.Where(p => p.DomainId == domain.Id && p.SourceSite == engine.Site))
                {
                    pair.SourceVolumeVms = format ? new(StringComparer.Ordinal) : domain.OvfVms;
                    pair.SourceVolumeTemplates = format ? new(StringComparer.Ordinal) : domain.OvfTemplates;
                    pair.SourceVolumeOvfAt = domain.OvfUpdatedAt;
                }

                // destroy=true is the engine's force remove.
                AddEvent(engine, destroy ? EventCodes.UserForceRemoveStorageDomain : EventCodes.UserRemoveStorageDomain,
                    $"Storage Domain {domain.Name} was {(destroy ? "forcibly removed" : "removed")} by {EventCodes.UserName}", correlationId: correlationId);
            },
        };
        return RunOperationAsync(engine, operation, wait, cancellationToken);
    }

    public Task<SimJob> UpdateOvfStoreAsync(SimEngine engine, string domainId, string? correlationId, bool wait, CancellationToken cancellationToken)
    {
        SimStorageDomain Validate()
        {
            var domain = engine.StorageDomains.GetValueOrDefault(domainId) ?? throw EngineFaultException.NotFound("storage domain", domainId);
            if (domain.Status != "active" || domain.DataCenterId is null)
            {
                throw EngineFaultException.Conflict($"Cannot update OVF store. The relevant Storage Domain's status is {domain.Status}");
            }

            EnsureSpm(engine, "update OVF store");
            return domain;
        }

        var operation = new EngineOperation<SimStorageDomain>
        {
            Description = $"Updating OVF store of Storage Domain {domainId}",
            CorrelationId = correlationId,
            SpmQueue = engine.DataCenter,
            Validate = Validate,
            Duration = _ => OvfUpdateSeconds,
            Complete = domain =>
            {
                EstateGenerator.WriteOvf(engine, domain, Now);
                // Only an update a user asks for is logged; the engine's scheduled ones are not.
                AddEvent(engine, EventCodes.UserUpdateOvfStore, $"OVF_STORE for domain {domain.Name} was updated by {EventCodes.UserName}.", storageDomainId: domain.Id, correlationId: correlationId);
            },
        };
        return RunOperationAsync(engine, operation, wait, cancellationToken);
    }

    /// <summary>
    /// <c>POST /storagedomains/{id}/refreshluns</c>: the engine asks the SPM to re-read the sizes of the domain's LUNs.
    /// Only block domains have LUNs; a file domain is refused as the engine refuses it.
    /// </summary>
    public Task<SimJob> RefreshLunsAsync(SimEngine engine, string domainId, string? correlationId, bool wait, CancellationToken cancellationToken)
    {
        SimStorageDomain Validate()
        {
            var domain = engine.StorageDomains.GetValueOrDefault(domainId) ?? throw EngineFaultException.NotFound("storage domain", domainId);
            if (domain.StorageType is not ("iscsi" or "fcp"))
            {
                throw EngineFaultException.Conflict($"Cannot refresh LUNs size. Storage Domain {domain.Name} is not a block storage domain");
            }

            if (domain.Status != "active" || domain.DataCenterId is null)
            {
                throw EngineFaultException.Conflict($"Cannot refresh LUNs size. The relevant Storage Domain's status is {domain.Status}");
            }

            return domain;
        }

        var operation = new EngineOperation<SimStorageDomain>
        {
            Description = $"Refreshing LUNs size of Storage Domain {domainId}",
            CorrelationId = correlationId,
            Validate = Validate,
            Duration = _ => 1,
        };
        return RunOperationAsync(engine, operation, wait, cancellationToken);
    }

    private SimStorageDomain AttachedDomainOf(SimEngine engine, string dataCenterId, string domainId)
    {
        using (Lock(engine, LockScope.Engine))
        {
            return AttachedDomain(engine, dataCenterId, domainId);
        }
    }

    private static SimStorageDomain AttachedDomain(SimEngine engine, string dataCenterId, string domainId)
    {
        if (!engine.DataCenters.ContainsKey(dataCenterId))
        {
            throw EngineFaultException.NotFound("data center", dataCenterId);
        }

        var domain = engine.StorageDomains.GetValueOrDefault(domainId);
        return domain is not null && domain.DataCenterId == dataCenterId ? domain : throw EngineFaultException.NotFound("storage domain", domainId);
    }
}
