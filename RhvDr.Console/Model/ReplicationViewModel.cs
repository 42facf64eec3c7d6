using RhvDr.Core.Sites;

namespace RhvDr.Console.Model;

/// <summary>Replication pairs as one list across both sites (each site may report the same pairs).</summary>
public static class ReplicationViewModel
{
    /// <summary>Distinct pairs by id, worst health first, then by domain name.</summary>
    public static IReadOnlyList<ReplicationPairStatus> Pairs(InventorySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return snapshot.Sites
            .SelectMany(s => s.Replication)
            .DistinctBy(p => p.Id, StringComparer.Ordinal)
            .OrderByDescending(p => p.Health)
            .ThenBy(p => p.DomainName, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    /// <summary>"in sync", "12 s behind", "4 min behind": how far the replica trails.</summary>
    public static string DescribeLag(ReplicationPairStatus pair)
    {
        ArgumentNullException.ThrowIfNull(pair);
        if (pair.State is "broken" or "split" or "promoted" or "resyncing")
        {
            return pair.LagSeconds > 0 ? $"{pair.State}, {DisplayFormat.Duration(TimeSpan.FromSeconds(pair.LagSeconds))} behind" : pair.State;
        }
        return pair.LagSeconds < 1 ? "in sync" : $"{DisplayFormat.Duration(TimeSpan.FromSeconds(pair.LagSeconds))} behind";
    }
}
