namespace RhvDr.Core.Recovery;

/// <summary>
/// A module's defaults for what <c>RhvDr:Recovery</c> leaves empty (e.g. the replication adapter, the sanlock wait). Applied
/// after the configuration is bound and before Core's own defaults, whatever order the modules were registered in.
/// </summary>
public interface IRecoveryDefaults
{
    /// <summary>Fills only what is still unset in <paramref name="options"/>.</summary>
    void Apply(RecoveryOptions options);
}
