using RhvDr.Core.Sites;

namespace RhvDr.Console.Model;

/// <summary>What every inventory grid row has: the site it belongs to, a name, the engine status and its health.</summary>
public interface IGridRow
{
    string Site { get; }

    string SiteDisplayName { get; }

    string Name { get; }

    string Status { get; }

    HealthLevel Health { get; }
}
