namespace RhvDr.Core.Recovery;

/// <summary>
/// One configured replication command. Arguments may use <c>{operation}</c>, <c>{source}</c>, <c>{target}</c>,
/// <c>{volumes}</c> (comma-separated domain names) and <c>{mode}</c>. Secrets for the command belong in the console's own
/// environment, which the command inherits, not in these settings.
/// </summary>
public sealed class ReplicationCommandOptions
{
    public string FileName { get; set; } = "";

    public List<string> Arguments { get; set; } = [];

    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Environment variables set for the command on top of the console's own (e.g. the array's API URL and CA file).</summary>
    public Dictionary<string, string> Environment { get; set; } = new(StringComparer.Ordinal);
}
