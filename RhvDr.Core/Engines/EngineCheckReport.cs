namespace RhvDr.Core.Engines;

/// <summary>The engine check of every configured site.</summary>
/// <param name="SupportedVersions">The engine versions the console supports, in words.</param>
public sealed record EngineCheckReport(DateTimeOffset CheckedAt, string SupportedVersions, IReadOnlyList<SiteEngineCheck> Sites)
{
    /// <summary>Every site is usable (warnings allowed).</summary>
    public bool Usable => Sites.All(s => s.Usable);

    /// <summary>What the <c>check</c> command exits with: 0 when every site is usable, 1 otherwise.</summary>
    public int ExitCode => Usable ? 0 : 1;
}
