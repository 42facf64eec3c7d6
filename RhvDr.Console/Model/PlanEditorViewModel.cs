using RhvDr.Core.Mapping;
using RhvDr.Core.Plans;

namespace RhvDr.Console.Model;

/// <summary>
/// The Plans page's working copy of the plans document: the protection groups and plans as edited, validated on every change
/// by <see cref="PlanValidator"/> against the active DR mapping and the primary estate the console last read, and the VMs of
/// each plan by priority group. Saving goes through <see cref="PlanService"/>; this holds no I/O.
/// </summary>
public sealed class PlanEditorViewModel
{
    private readonly Dictionary<string, IReadOnlyList<PlanVmRow>> _rows = new(StringComparer.OrdinalIgnoreCase);
    private DrMapping? _mapping;
    private PlanEstate? _estate;

    /// <summary>The newest saved version (draft or not); null before the first save.</summary>
    public StoredPlans? Current { get; private set; }

    /// <summary>The version runs use: the newest without errors.</summary>
    public StoredPlans? Active { get; private set; }

    public PlanDocument Document { get; private set; } = PlanDocument.Empty;

    public IReadOnlyList<MappingFinding> Findings { get; private set; } = [];

    public bool IsDirty { get; private set; }

    public int Errors => Findings.Count(f => f.IsError);

    /// <summary>Saving makes a version runs may use, so it needs changes and no error.</summary>
    public bool CanSave => IsDirty && Errors == 0;

    /// <summary>The primary site's storage domains, for a protection group's domain choice.</summary>
    public IReadOnlyList<string> StorageDomains => _estate?.StorageDomains ?? [];

    public bool EstateKnown => _estate is not null;

    public void Load(StoredPlans? current, StoredPlans? active, DrMapping? mapping, PlanEstate? estate)
    {
        Current = current;
        Active = active;
        _mapping = mapping;
        _estate = estate;
        Document = current?.Document ?? PlanDocument.Empty;
        IsDirty = false;
        Revalidate();
    }

    /// <summary>After a save: the stored version becomes the base and its findings are shown.</summary>
    public void Saved(StoredPlans stored, StoredPlans? active)
    {
        ArgumentNullException.ThrowIfNull(stored);
        Current = stored;
        Active = active;
        Document = stored.Document;
        IsDirty = false;
        Revalidate();
    }

    public RecoveryPlanDefinition? Plan(string name) => Document.FindPlan(name);

    /// <summary>"active" when the plan drives runs as it is saved, "draft" when the version that has it has errors (or it is unsaved).</summary>
    public string StatusOf(string name)
    {
        var saved = Current?.Document.FindPlan(name);
        return saved is not null && Active?.Document.FindPlan(name) == saved && !PlanChanged(name) ? "active" : "draft";
    }

    private bool PlanChanged(string name) =>
        Current is { } current && PlanChangeSummary.ChangeOf(name, current.Document, Document) is not null;

    /// <summary>The VMs a plan recovers with their place in it: the primary VMs on its domains, and every VM it lists.</summary>
    public IReadOnlyList<PlanVmRow> Rows(string plan)
    {
        if (!_rows.TryGetValue(plan, out var rows))
        {
            rows = BuildRows(plan);
            _rows[plan] = rows;
        }

        return rows;
    }

    /// <summary>The VMs of one priority group, by name.</summary>
    public IReadOnlyList<PlanVmRow> Lane(string plan, int priority) => [.. Rows(plan).Where(r => r.Priority == priority)];

    public PlanVmRow? Row(string plan, string vm) => Rows(plan).FirstOrDefault(r => string.Equals(r.Name, vm, StringComparison.Ordinal));

    /// <summary>VMs <paramref name="vm"/> may start after: the plan's VMs of the same or an earlier priority group.</summary>
    public IReadOnlyList<string> DependencyCandidates(string plan, string vm)
    {
        var row = Row(plan, vm);
        return row is null ? [] : [.. Rows(plan).Where(r => r.Priority <= row.Priority && !string.Equals(r.Name, vm, StringComparison.Ordinal)).Select(r => r.Name)];
    }

    /// <summary>The findings of one plan (its own key) and those of the document as a whole (groups, mapping, estate).</summary>
    public IReadOnlyList<MappingFinding> FindingsOf(string plan)
    {
        var index = IndexOf(plan);
        var prefix = $"plans[{index}]";
        return [.. Findings.Where(f => f.Key.Length == 0 || f.Key.StartsWith("protection_groups", StringComparison.Ordinal)
            || f.Key == prefix || f.Key.StartsWith(prefix + ".", StringComparison.Ordinal))];
    }

    /// <summary>The findings on one VM's entry of a plan.</summary>
    public IReadOnlyList<MappingFinding> FindingsOf(string plan, string vm)
    {
        var planIndex = IndexOf(plan);
        var definition = Plan(plan);
        if (definition is null)
        {
            return [];
        }

        var vmIndex = definition.Vms.Select((v, i) => (v, i)).FirstOrDefault(x => string.Equals(x.v.Name, vm, StringComparison.Ordinal), (null!, -1)).Item2;
        if (vmIndex < 0)
        {
            return [];
        }

        var prefix = $"plans[{planIndex}].vms[{vmIndex}]";
        return [.. Findings.Where(f => f.Key == prefix || f.Key.StartsWith(prefix + ".", StringComparison.Ordinal))];
    }

    /// <summary>The findings of the protection groups (and of the document as a whole).</summary>
    public IReadOnlyList<MappingFinding> GroupFindings =>
        [.. Findings.Where(f => f.Key.Length == 0 || f.Key.StartsWith("protection_groups", StringComparison.Ordinal))];

    public int VmCount(string plan) => Rows(plan).Count;

    // ---- plans ----

    /// <summary>Adds an empty plan; false (and nothing added) when the name is empty or taken.</summary>
    public bool AddPlan(string name)
    {
        name = name.Trim();
        if (name.Length == 0 || Document.FindPlan(name) is not null)
        {
            return false;
        }

        var groups = Document.ProtectionGroups.Count > 0 ? [] : new ValueList<string>([ProtectionGroup.All]);
        Change(Document with { Plans = [.. Document.Plans, new RecoveryPlanDefinition { Name = name, ProtectionGroups = groups }] });
        return true;
    }

    public void RemovePlan(string name) =>
        Change(Document with { Plans = [.. Document.Plans.Where(p => !string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))] });

    public void SetPlanGroups(string plan, IEnumerable<string> groups) => UpdatePlan(plan, p => p with { ProtectionGroups = [.. groups] });

    public void SetDescription(string plan, string? description) =>
        UpdatePlan(plan, p => p with { Description = string.IsNullOrWhiteSpace(description) ? null : description });

    /// <summary>Sets the drill schedule; an empty cron expression removes it (and its time zone and cleanup time).</summary>
    public void SetDrill(string plan, string? cron, string? timeZone, int? cleanupAfterMinutes = null) => UpdatePlan(plan, p => p with
    {
        Drill = string.IsNullOrWhiteSpace(cron) ? null : new DrillSchedule
        {
            Cron = cron.Trim(),
            TimeZone = string.IsNullOrWhiteSpace(timeZone) ? null : timeZone.Trim(),
            CleanupAfterMinutes = cleanupAfterMinutes,
        },
    });

    /// <summary>
    /// What renaming <paramref name="plan"/> to <paramref name="name"/> would be refused for, in the validator's words (name
    /// format, reserved words, another plan's name); empty when the rename may be made.
    /// </summary>
    public IReadOnlyList<MappingFinding> RenameFindings(string plan, string? name)
    {
        var index = IndexOf(plan);
        if (index < 0)
        {
            return [];
        }

        // Checked as the last plan, so that a name another plan has is reported on this one (the validator reports the second of two).
        var renamed = Document.Plans[index] with { Name = name?.Trim() ?? string.Empty };
        var candidate = Document with { Plans = [.. Document.Plans.Where((_, i) => i != index), renamed] };
        var key = $"plans[{candidate.Plans.Count - 1}].name";
        return [.. PlanValidator.Validate(candidate, _mapping, _estate).Where(f => f.Key == key)];
    }

    /// <summary>
    /// Renames a plan, keeping its groups, VMs, steps, re-IP rules and drill schedule; false (nothing changed) when
    /// <see cref="RenameFindings"/> has any finding. Runs and drills recorded under the old name keep it.
    /// </summary>
    public bool RenamePlan(string plan, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var index = IndexOf(plan);
        if (index < 0 || RenameFindings(plan, name).Count > 0)
        {
            return false;
        }

        name = name.Trim();
        Change(Document with { Plans = [.. Document.Plans.Select((p, i) => i == index ? p with { Name = name } : p)] });
        return true;
    }

    /// <summary>The findings whose key is <paramref name="key"/> or lies under it (<c>plans[0].re_ip[1]</c> covers its fields).</summary>
    public IReadOnlyList<MappingFinding> FindingsAt(string key) =>
        [.. Findings.Where(f => f.Key == key || f.Key.StartsWith(key + ".", StringComparison.Ordinal) || f.Key.StartsWith(key + "[", StringComparison.Ordinal))];

    /// <summary>The key prefix of a plan in the validator's findings, e.g. <c>plans[0]</c>.</summary>
    public string KeyOf(string plan) => $"plans[{IndexOf(plan)}]";

    /// <summary>The key of a VM's entry (<c>plans[0].vms[2]</c>); null for a VM the plan does not list.</summary>
    public string? KeyOf(string plan, string vm)
    {
        var definition = Plan(plan);
        var index = definition is null ? -1 : definition.Vms.Select((v, i) => (v, i)).FirstOrDefault(x => string.Equals(x.v.Name, vm, StringComparison.Ordinal), (null!, -1)).Item2;
        return index < 0 ? null : $"{KeyOf(plan)}.vms[{index}]";
    }

    // ---- re-IP ----

    /// <summary>The primary-side networks the active mapping maps: the networks a re-IP rule may name.</summary>
    public IReadOnlyList<string> MappedNetworks =>
        [.. (_mapping?.Networks.Select(n => n.Primary.NetworkName).OfType<string>() ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>Adds a rule for the first mapped network that has none yet (empty when all have one); its subnets are to be filled in.</summary>
    public void AddReIpRule(string plan) => UpdatePlan(plan, p =>
    {
        var network = MappedNetworks.FirstOrDefault(n => !p.ReIp.Any(r => string.Equals(r.Network, n, StringComparison.Ordinal))) ?? string.Empty;
        return p with { ReIp = [.. p.ReIp, new ReIpRule { Network = network }] };
    });

    public void SetReIpRule(string plan, int index, ReIpRule rule) =>
        UpdatePlan(plan, p => p with { ReIp = [.. p.ReIp.Select((r, i) => i == index ? rule : r)] });

    public void RemoveReIpRule(string plan, int index) =>
        UpdatePlan(plan, p => p with { ReIp = [.. p.ReIp.Where((_, i) => i != index)] });

    // ---- VMs ----

    public void MoveVm(string plan, string vm, int priority) => UpdateVm(plan, vm, v => v with { Priority = priority });

    public void AddDependency(string plan, string vm, string after) =>
        UpdateVm(plan, vm, v => v.After.Contains(after, StringComparer.Ordinal) ? v : v with { After = [.. v.After, after] });

    public void RemoveDependency(string plan, string vm, string after) =>
        UpdateVm(plan, vm, v => v with { After = [.. v.After.Where(a => !string.Equals(a, after, StringComparison.Ordinal))] });

    public void SetDelay(string plan, string vm, int seconds) => UpdateVm(plan, vm, v => v with { StartDelaySeconds = seconds });

    public void SetSkip(string plan, string vm, bool skip) => UpdateVm(plan, vm, v => v with { Skip = skip });

    /// <summary>Sets or (with null) removes the VM's probe.</summary>
    public void SetProbe(string plan, string vm, VmProbe? probe)
    {
        // A VM the plan does not list has no probe: removing it is no change, and must not list the VM.
        if (probe is not null || Plan(plan)?.FindVm(vm) is not null)
        {
            UpdateVm(plan, vm, v => v with { Probe = probe });
        }
    }

    // ---- steps ----

    public void SetPlanSteps(string plan, bool post, IEnumerable<PlanStep> steps) =>
        UpdatePlan(plan, p => post ? p with { PostSteps = [.. steps] } : p with { PreSteps = [.. steps] });

    public IReadOnlyList<PlanStep> GroupSteps(string plan, int priority, bool post) =>
        Plan(plan)?.PriorityGroups.FirstOrDefault(g => g.Priority == priority) is { } group ? (post ? group.PostSteps : group.PreSteps) : [];

    public void SetGroupSteps(string plan, int priority, bool post, IEnumerable<PlanStep> steps) => UpdatePlan(plan, p =>
    {
        var group = p.PriorityGroups.FirstOrDefault(g => g.Priority == priority) ?? new PlanPriorityGroup { Priority = priority };
        group = post ? group with { PostSteps = [.. steps] } : group with { PreSteps = [.. steps] };
        var others = p.PriorityGroups.Where(g => g.Priority != priority);
        var groups = group.PreSteps.Count == 0 && group.PostSteps.Count == 0 ? others : others.Append(group);
        return p with { PriorityGroups = [.. groups.OrderBy(g => g.Priority)] };
    });

    // ---- protection groups ----

    public void AddGroup(string name) =>
        Change(Document with { ProtectionGroups = [.. Document.ProtectionGroups, new ProtectionGroup { Name = name.Trim() }] });

    /// <summary>Renames a group and every plan's reference to it.</summary>
    public void RenameGroup(int index, string name)
    {
        var old = Document.ProtectionGroups[index].Name;
        name = name.Trim();
        Change(Document with
        {
            ProtectionGroups = [.. Document.ProtectionGroups.Select((g, i) => i == index ? g with { Name = name } : g)],
            Plans = [.. Document.Plans.Select(p => p with
            {
                ProtectionGroups = [.. p.ProtectionGroups.Select(g => string.Equals(g, old, StringComparison.OrdinalIgnoreCase) ? name : g)],
            })],
        });
    }

    public void SetGroupDomains(int index, IEnumerable<string> domains) =>
        Change(Document with { ProtectionGroups = [.. Document.ProtectionGroups.Select((g, i) => i == index ? g with { StorageDomains = [.. domains] } : g)] });

    public void RemoveGroup(int index) =>
        Change(Document with { ProtectionGroups = [.. Document.ProtectionGroups.Where((_, i) => i != index)] });

    /// <summary>The groups a plan may recover: every defined group and the whole estate.</summary>
    public IReadOnlyList<string> GroupChoices => [ProtectionGroup.All, .. Document.ProtectionGroups.Select(g => g.Name).Where(n => n.Length > 0)];

    private int IndexOf(string plan)
    {
        for (var i = 0; i < Document.Plans.Count; i++)
        {
            if (string.Equals(Document.Plans[i].Name, plan, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    private void UpdatePlan(string plan, Func<RecoveryPlanDefinition, RecoveryPlanDefinition> change) =>
        Change(Document with
        {
            Plans = [.. Document.Plans.Select(p => string.Equals(p.Name, plan, StringComparison.OrdinalIgnoreCase) ? change(p) : p)],
        });

    /// <summary>Changes a VM's entry; a VM the plan did not list gets an entry of its own (default priority) first.</summary>
    private void UpdateVm(string plan, string vm, Func<PlanVm, PlanVm> change) => UpdatePlan(plan, p =>
    {
        if (p.FindVm(vm) is null)
        {
            p = p with { Vms = [.. p.Vms, new PlanVm { Name = vm }] };
        }

        return p with { Vms = [.. p.Vms.Select(v => string.Equals(v.Name, vm, StringComparison.Ordinal) ? change(v) : v)] };
    });

    private void Change(PlanDocument document)
    {
        // Inputs report their value again when re-rendered; the same document is no change.
        if (document == Document)
        {
            return;
        }

        Document = document;
        IsDirty = true;
        Revalidate();
    }

    private void Revalidate()
    {
        _rows.Clear();
        Findings = PlanValidator.Validate(Document, _mapping, _estate);
    }

    private List<PlanVmRow> BuildRows(string name)
    {
        if (Plan(name) is not { } plan)
        {
            return [];
        }

        var rows = new List<PlanVmRow>();
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var vm in plan.Vms)
        {
            if (listed.Add(vm.Name))
            {
                rows.Add(new PlanVmRow(vm.Name, vm.Priority, vm.After, vm.StartDelaySeconds, vm.Skip, Listed: true, vm.Probe));
            }
        }

        if (_estate is not null)
        {
            var domains = DomainsOf(plan);
            foreach (var vm in _estate.Vms)
            {
                if (!listed.Contains(vm.Name) && vm.StorageDomains.Any(domains.Contains))
                {
                    rows.Add(new PlanVmRow(vm.Name, PlanVm.DefaultPriority, [], 0, false, Listed: false));
                }
            }
        }

        rows.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return rows;
    }

    private HashSet<string> DomainsOf(RecoveryPlanDefinition plan)
    {
        var domains = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in plan.ProtectionGroups)
        {
            if (string.Equals(group, ProtectionGroup.All, StringComparison.OrdinalIgnoreCase))
            {
                domains.UnionWith(_mapping?.ImportStorages.Select(s => s.Primary.Name).OfType<string>() ?? []);
            }
            else if (Document.FindGroup(group) is { } defined)
            {
                domains.UnionWith(defined.StorageDomains);
            }
        }

        return domains;
    }
}
