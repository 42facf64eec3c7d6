namespace RhvDr.Core.Recovery.Procedures;

/// <summary>One step a run takes: its stable key (<see cref="RecoveryStepNames"/>), what the run page says, and how long it should take.</summary>
internal sealed record StepDefinition(string Name, string Title, double ExpectedSeconds);

/// <summary>
/// A stage of a procedure, declared once: the plan the run page shows and the executor read the same list. A stage is one
/// step with its body, or several steps that overlap and run as one body (the target pipeline).
/// </summary>
internal abstract record RunStage(IReadOnlyList<StepDefinition> Steps)
{
    public abstract Task ExecuteAsync(RunContext run);

    public static RunStage Step(string name, string title, double expectedSeconds, Func<CancellationToken, Task<string?>> body) =>
        new SingleStep(new StepDefinition(name, title, expectedSeconds), body);

    /// <summary>Saved as running before the body acts and as succeeded or failed after; skipped when a resumed run finished it.</summary>
    private sealed record SingleStep(StepDefinition Definition, Func<CancellationToken, Task<string?>> Body) : RunStage([Definition])
    {
        public override Task ExecuteAsync(RunContext run) => run.StepAsync(Definition.Name, Body);
    }
}

/// <summary>Steps that run side by side; the body begins and finishes each of them itself.</summary>
internal sealed record OverlappingSteps(IReadOnlyList<StepDefinition> Steps, Func<Task> Body) : RunStage(Steps)
{
    public override Task ExecuteAsync(RunContext run) => Body();
}

/// <summary>What one run kind does, as data: its stages in order, and the report's summary line once they are done.</summary>
internal interface IRunProcedure
{
    IReadOnlyList<RunStage> Stages { get; }

    string Summary();
}
