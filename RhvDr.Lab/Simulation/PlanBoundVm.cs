namespace RhvDr.Lab.Simulation;

/// <summary>
/// One VM a recovery plan starts, as the plan lower bound needs it: the VMs of its priority group it waits for, and how
/// many simulated seconds after it is up its verification takes at the least (the guest agent's delay, or the wait a
/// console gives an agent that never reports).
/// </summary>
public sealed record PlanBoundVm(string Name, IReadOnlyList<string> After, double VerifySeconds);
