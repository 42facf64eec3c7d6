namespace RhvDr.Core.Recovery;

/// <summary>A VM outcome of a run as it changed in memory, before it is saved.</summary>
public sealed class VmChangedEventArgs(VmOutcome vm) : EventArgs
{
    public VmOutcome Vm { get; } = vm;
}
