using RhvDr.Core.Recovery;

namespace RhvDr.Tests.Components;

/// <summary>A previewer that answers with a prepared preview for whatever operation is asked, and records the asks.</summary>
internal sealed class FakeRunPreviewer(Func<RunKind, RunMode, RunPreview> answer) : IRunPreviewer
{
    public List<(RunKind Kind, RunMode Mode)> Calls { get; } = [];

    public Task<RunPreview> PreviewAsync(RunKind kind, RunMode mode, CancellationToken cancellationToken)
    {
        Calls.Add((kind, mode));
        return Task.FromResult(answer(kind, mode));
    }
}
