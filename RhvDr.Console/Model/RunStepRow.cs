using RhvDr.Core.Recovery;

namespace RhvDr.Console.Model;

/// <summary>One step on the run page's timeline; <paramref name="Stuck"/> when it runs far past its expected time.</summary>
public sealed record RunStepRow(int Number, string Name, string Title, StepStatus Status, string Elapsed, string Expected, string? Detail, bool Stuck = false);
