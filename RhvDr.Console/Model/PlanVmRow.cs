using RhvDr.Core.Plans;

namespace RhvDr.Console.Model;

/// <summary>
/// One VM of a plan as the editor and the wizard show it; <paramref name="Listed"/> is false for a VM with the defaults,
/// <paramref name="Probe"/> how it is verified beyond "up" (null: guest agent and addresses only).
/// </summary>
public sealed record PlanVmRow(string Name, int Priority, IReadOnlyList<string> After, int StartDelaySeconds, bool Skip, bool Listed, VmProbe? Probe = null);
