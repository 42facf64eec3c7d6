using RhvDr.Core.Sites;

namespace RhvDr.Core.Engines;

/// <summary>
/// One site's engine check: the facts found (null where the check did not get that far) and the lines that say them, each
/// with a fix when it is not OK. Never carries the password.
/// </summary>
/// <param name="User">The engine user the console signs in as.</param>
/// <param name="ResponseMilliseconds">How long the engine took to answer the first request.</param>
public sealed record SiteEngineCheck(
    string Site,
    SiteRole Role,
    string EngineUrl,
    bool IsEmbedded,
    string? User,
    bool? Reachable,
    long? ResponseMilliseconds,
    EngineTlsFacts? Tls,
    bool? SignedIn,
    EngineProductFacts? Product,
    EnginePermissionFacts? Permissions,
    IReadOnlyList<EngineCheckLine> Lines)
{
    /// <summary>The worst line.</summary>
    public EngineCheckLevel Status => Lines.Count == 0 ? EngineCheckLevel.Ok : Lines.Max(l => l.Level);

    /// <summary>Whether a DR run can use this engine: nothing failed (warnings allowed).</summary>
    public bool Usable => Status != EngineCheckLevel.Fail;
}
