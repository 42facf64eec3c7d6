using System.Globalization;
using System.Text;
using RhvDr.Core.Mapping;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;
using static RhvDr.Core.Plans.PlanYamlKeys;

namespace RhvDr.Core.Plans;

/// <summary>
/// Writes a <see cref="PlanDocument"/> as <c>rhvdr-plans.yml</c>: names and addresses double-quoted, numbers and booleans
/// plain, name lists in flow style, defaults (priority 3, no delay, not skipped) left out so a diff in git shows what was chosen.
/// </summary>
internal static class PlanYamlWriter
{
    public static string Write(PlanDocument document)
    {
        var root = new YamlMappingNode
        {
            { ProtectionGroups, new YamlSequenceNode(document.ProtectionGroups.Select(WriteGroup)) },
            { PlanYamlKeys.Plans, new YamlSequenceNode(document.Plans.Select(WritePlan)) },
        };

        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        writer.WriteLine("---");
        new YamlStream(new YamlDocument(root)).Save(writer, assignAnchors: false);
        var text = new StringBuilder();
        foreach (var line in writer.ToString().Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (line == "...")
            {
                continue;
            }

            // A blank line before each plan and group, so a long file reads as blocks.
            if (line.StartsWith("- ", StringComparison.Ordinal) && text.Length > 4)
            {
                text.Append('\n');
            }

            text.Append(line).Append('\n');
        }

        return text.ToString().TrimEnd('\n') + "\n";
    }

    private static YamlMappingNode WriteGroup(ProtectionGroup group)
    {
        var node = new YamlMappingNode();
        AddString(node, Name, group.Name);
        AddString(node, Description, group.Description);
        node.Add(StorageDomains, Flow(group.StorageDomains));
        return node;
    }

    private static YamlMappingNode WritePlan(RecoveryPlanDefinition plan)
    {
        var node = new YamlMappingNode();
        AddString(node, Name, plan.Name);
        AddString(node, Description, plan.Description);
        node.Add(ProtectionGroups, Flow(plan.ProtectionGroups));
        AddList(node, PreSteps, plan.PreSteps, WriteStep);
        AddList(node, PostSteps, plan.PostSteps, WriteStep);
        AddList(node, PriorityGroups, plan.PriorityGroups, WritePriorityGroup);
        AddList(node, Vms, plan.Vms, WriteVm);
        AddList(node, ReIp, plan.ReIp, WriteReIp);
        if (plan.Drill is { } drill)
        {
            var drillNode = new YamlMappingNode();
            AddString(drillNode, Cron, drill.Cron);
            AddString(drillNode, PlanYamlKeys.TimeZone, drill.TimeZone);
            AddInt(drillNode, PlanYamlKeys.CleanupAfterMinutes, drill.CleanupAfterMinutes);
            node.Add(Drill, drillNode);
        }

        return node;
    }

    private static YamlMappingNode WritePriorityGroup(PlanPriorityGroup group)
    {
        var node = new YamlMappingNode();
        AddInt(node, Priority, group.Priority);
        AddList(node, PreSteps, group.PreSteps, WriteStep);
        AddList(node, PostSteps, group.PostSteps, WriteStep);
        return node;
    }

    private static YamlMappingNode WriteVm(PlanVm vm)
    {
        var node = new YamlMappingNode();
        AddString(node, Name, vm.Name);
        if (vm.Priority != PlanVm.DefaultPriority)
        {
            AddInt(node, Priority, vm.Priority);
        }

        if (vm.After.Count > 0)
        {
            node.Add(After, Flow(vm.After));
        }

        if (vm.StartDelaySeconds != 0)
        {
            AddInt(node, StartDelaySeconds, vm.StartDelaySeconds);
        }

        if (vm.Skip)
        {
            node.Add(Skip, new YamlScalarNode("true") { Style = ScalarStyle.Plain });
        }

        if (vm.Probe is { } probe)
        {
            var probeNode = new YamlMappingNode();
            AddString(probeNode, probe.Kind == VmProbeKind.Tcp ? Tcp : Http, probe.Target);
            AddInt(probeNode, TimeoutSeconds, probe.TimeoutSeconds);
            node.Add(Probe, probeNode);
        }

        return node;
    }

    private static YamlMappingNode WriteStep(PlanStep step)
    {
        var node = new YamlMappingNode();
        node.Add(Kind, new YamlScalarNode(step.Kind.ToString().ToLowerInvariant()) { Style = ScalarStyle.Plain });
        AddString(node, Name, step.Name);
        AddString(node, Message, step.Message);
        AddString(node, Command, step.Command);
        AddString(node, Method, step.Method);
        AddString(node, Url, step.Url);
        AddInt(node, TimeoutSeconds, step.TimeoutSeconds);
        return node;
    }

    private static YamlMappingNode WriteReIp(ReIpRule rule)
    {
        var node = new YamlMappingNode();
        AddString(node, Network, rule.Network);
        AddString(node, PrimarySubnet, rule.PrimarySubnet);
        AddString(node, RecoverySubnet, rule.RecoverySubnet);
        AddString(node, Gateway, rule.Gateway);
        if (rule.Dns.Count > 0)
        {
            node.Add(Dns, Flow(rule.Dns));
        }

        AddList(node, Addresses, rule.Addresses, a =>
        {
            var address = new YamlMappingNode();
            AddString(address, Vm, a.Vm);
            AddString(address, Address, a.Address);
            return address;
        });
        return node;
    }

    private static void AddList<T>(YamlMappingNode node, string key, ValueList<T> items, Func<T, YamlMappingNode> write)
    {
        if (items.Count > 0)
        {
            node.Add(key, new YamlSequenceNode(items.Select(write)));
        }
    }

    private static YamlSequenceNode Flow(IEnumerable<string> items) => new(items.Select(Quoted)) { Style = SequenceStyle.Flow };

    private static void AddString(YamlMappingNode node, string key, string? value)
    {
        if (value is not null)
        {
            node.Add(key, Quoted(value));
        }
    }

    private static void AddInt(YamlMappingNode node, string key, int? value)
    {
        if (value is not null)
        {
            node.Add(key, new YamlScalarNode(value.Value.ToString(CultureInfo.InvariantCulture)) { Style = ScalarStyle.Plain });
        }
    }

    private static YamlScalarNode Quoted(string value) => new(value) { Style = ScalarStyle.DoubleQuoted };
}
