using RhvDr.Core.Sites;

namespace RhvDr.Core.Readiness.Checks;

/// <summary>Both engines answer and accept the console's credentials: without the recovery engine nothing can be recovered.</summary>
public sealed class EngineConnectivityCheck : IReadinessCheck
{
    public string Id => "engines";

    public string Title => "Engines reachable and authenticated";

    public int Weight => 20;

    public Task<CheckResult> EvaluateAsync(ReadinessContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Primary is null || context.Recovery is null)
        {
            return Task.FromResult(CheckResult.CannotRun("a primary and a recovery site must both be configured", "Configure RhvDr:Sites with one Primary and one Recovery site."));
        }

        var sites = new[] { context.Primary, context.Recovery };
        if (sites.All(s => s.Engine.Status == EngineConnectionStatus.Unknown))
        {
            return Task.FromResult(CheckResult.CannotRun("the engines have not been polled yet", "Wait for the first poll."));
        }

        // The engine's own sentence names it and says what is wrong; this check is the one place the readiness page shows it.
        var evidence = sites.Select(s => $"{SiteName.Of(s.Site)}: {Describe(s.Engine)}").ToList();
        var bad = sites.Where(s => !s.Engine.IsReachable).ToList();
        if (bad.Count == 0)
        {
            return Task.FromResult(CheckResult.Pass("Both engines answer and accept the console's credentials.", evidence));
        }

        var remediation = string.Join(" ", bad.Select(s => s.Engine.Status == EngineConnectionStatus.AuthenticationFailed
            ? $"Check the user and password configured for {SiteName.WithId(s.Site)} (RhvDr:Sites) and that the account is not locked."
            : $"Check that the engine of {SiteName.Of(s.Site)} ({s.Site.EngineUrl}) is up and reachable from the console (network, DNS, TLS)."));
        return Task.FromResult(CheckResult.Fail(
            $"{string.Join(" and ", bad.Select(s => SiteName.Of(s.Site)))} cannot be used by the console.", evidence, remediation));
    }

    private static string Describe(EngineState engine) => engine.Status switch
    {
        EngineConnectionStatus.Connected => "connected",
        _ when !string.IsNullOrWhiteSpace(engine.Message) => engine.Message,
        EngineConnectionStatus.AuthenticationFailed => "authentication failed",
        EngineConnectionStatus.Unreachable => "unreachable",
        EngineConnectionStatus.Faulted => "fault",
        _ => "not polled yet",
    };
}
