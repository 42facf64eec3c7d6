namespace RhvDr.Core.Engines;

/// <summary>One role the user holds, and where: "SuperUser on the system", "ClusterAdmin on cluster 5e1c…".</summary>
/// <param name="ObjectId">The object's id; null on the system.</param>
/// <param name="ViaGroup">Granted to a group the user is in rather than to the user.</param>
public sealed record EngineGrant(string Role, EnginePermissionScope Scope, string? ObjectId, bool ViaGroup)
{
    public override string ToString()
    {
        var where = Scope switch
        {
            EnginePermissionScope.System => "the system",
            EnginePermissionScope.DataCenter => $"data center {ObjectId}",
            EnginePermissionScope.StorageDomain => $"storage domain {ObjectId}",
            EnginePermissionScope.VmPool => $"VM pool {ObjectId}",
            EnginePermissionScope.Vm => $"VM {ObjectId}",
            _ => $"{Scope.ToString().ToLowerInvariant()} {ObjectId}",
        };
        return $"{Role} on {where}{(ViaGroup ? " (through a group)" : "")}";
    }
}
