namespace RhvDr.Lab.Simulation;

/// <summary>Staging for readiness: VMs created after the last OVF update, and delete protection.</summary>
public sealed partial class LabSimulation
{
    private const long StagedVmMemoryBytes = 2L << 30;
    private const long StagedDiskBytes = 20L << 30;

    /// <summary>Creates a VM (down, one disk on <paramref name="storageDomain"/>) now, as POST /vms does; it is in no OVF store until the next update.</summary>
    public SimVm AddVm(string site, string name, string storageDomain)
    {
        var engine = GetEngine(site);
        using (Lock(engine, LockScope.Engine))
        {
            if (engine.Vms.Values.Any(v => v.Name == name))
            {
                throw EngineFaultException.Conflict($"A VM named {name} already exists at {site}");
            }

            var domain = engine.FindStorageDomain(storageDomain, storageDomain)
                ?? throw EngineFaultException.NotFound("storage domain", storageDomain);
            var vm = new SimVm
            {
                Id = Guid.NewGuid().ToString(),
                Name = name,
                ClusterId = engine.Cluster.Id,
                MemoryBytes = StagedVmMemoryBytes,
                Cpus = 1,
                CreatedAt = Now,
            };
            vm.Disks.Add(new SimDisk(Guid.NewGuid().ToString(), $"{name}_Disk1", StagedDiskBytes, domain.Id, null, true));
            engine.Vms[vm.Id] = vm;
            Touch();
            return vm;
        }
    }

    /// <summary>Sets or clears a VM's delete protection (what Edit VM does); <paramref name="vm"/> is an id or a name.</summary>
    public void SetVmDeleteProtected(string site, string vm, bool deleteProtected)
    {
        var engine = GetEngine(site);
        using (Lock(engine, LockScope.Engine))
        {
            var target = engine.Vms.GetValueOrDefault(vm) ?? engine.Vms.Values.FirstOrDefault(v => v.Name == vm)
                ?? throw EngineFaultException.NotFound("vm", vm);
            target.DeleteProtected = deleteProtected;
            Touch();
        }
    }
}
