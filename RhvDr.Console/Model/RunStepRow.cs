using RhvDr.Core.Recovery;

namespace RhvDr.Console.Model;

/// <summary>
/// One step on the run page's timeline; <paramref name="Stuck"/> when it runs far past its expected time;
/// <paramref name="Parallel"/> when it runs while other steps run too (the target side's steps overlap, domain by domain).
/// </summary>
public sealed record RunStepRow(int Number, string Name, string Title, StepStatus Status, string Elapsed, string Expected, string? Detail, bool Stuck = false, bool Parallel = false);
