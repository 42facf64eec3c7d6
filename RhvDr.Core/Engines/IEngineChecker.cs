namespace RhvDr.Core.Engines;

/// <summary>Checks every configured site's engine as a DR run would use it: reachable, TLS, sign-in, version, permissions.</summary>
public interface IEngineChecker
{
    Task<EngineCheckReport> CheckAsync(CancellationToken cancellationToken = default);
}
