using RhvDr.Core.Recovery;

namespace RhvDr.Tests.Components;

/// <summary>
/// A previewer that answers with a prepared preview for whatever operation is asked, and records the asks. A plan's preview
/// carries the re-IP rows <see cref="ReIpFor"/> gives it.
/// </summary>
internal sealed class FakeRunPreviewer(Func<RunKind, RunMode, RunPreview> answer) : IRunPreviewer
{
    public List<(RunKind Kind, RunMode Mode)> Calls { get; } = [];

    public List<string?> Plans { get; } = [];

    public Func<string, IReadOnlyList<RhvDr.Core.Plans.ReIpRow>> ReIpFor { get; set; } = _ => [];

    public Task<RunPreview> PreviewAsync(RunKind kind, RunMode mode, CancellationToken cancellationToken) =>
        PreviewAsync(kind, mode, null, cancellationToken);

    public Task<RunPreview> PreviewAsync(RunKind kind, RunMode mode, string? plan, CancellationToken cancellationToken)
    {
        Calls.Add((kind, mode));
        Plans.Add(plan);
        var preview = answer(kind, mode);
        return Task.FromResult(plan is null ? preview : preview with { ReIp = ReIpFor(plan) });
    }
}
