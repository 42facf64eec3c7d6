using RhvDr.Core.Sites;
using RhvDr.Core.State;

namespace RhvDr.Console.Model;

/// <summary>How the DR state looks and links the same way in the banner, on the wall and in the API.</summary>
public static class DrStatePresentation
{
    /// <summary>The page to open, or the run wizard with the run filled in.</summary>
    public static string LinkFor(DrNextAction next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return IncidentPresentation.LinkFor(next.Run) ?? next.Page ?? "/";
    }

    public static HealthLevel LevelFor(DrStateKind kind) => kind switch
    {
        DrStateKind.Normal => HealthLevel.Ok,
        DrStateKind.SiteLost => HealthLevel.Critical,
        DrStateKind.Degraded => HealthLevel.Warning,
        _ => HealthLevel.Warning,
    };

    /// <summary>The state's name as operators read it.</summary>
    public static string KindLabel(DrStateKind kind) => kind switch
    {
        DrStateKind.Normal => "Normal",
        DrStateKind.Degraded => "Degraded",
        DrStateKind.SiteLost => "Site lost",
        DrStateKind.FailoverRunning => "Failover running",
        DrStateKind.TestActive => "Test active",
        DrStateKind.RunningAtRecovery => "Running at Recovery",
        DrStateKind.FailbackRunning => "Failback running",
        _ => kind.ToString(),
    };

    /// <summary>The data-state attribute value tests and wall scripts read: the API's spelling.</summary>
    public static string Code(DrStateKind kind) => Api.ApiEnums.Name(kind);
}
