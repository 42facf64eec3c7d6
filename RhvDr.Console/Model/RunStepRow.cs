using RhvDr.Core.Recovery;

namespace RhvDr.Console.Model;

/// <summary>One step on the run page's timeline.</summary>
public sealed record RunStepRow(int Number, string Name, string Title, StepStatus Status, string Elapsed, string Expected, string? Detail);
