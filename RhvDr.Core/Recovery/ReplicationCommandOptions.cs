namespace RhvDr.Core.Recovery;

/// <summary>
/// One configured replication command. Arguments may use <c>{operation}</c>, <c>{source}</c>, <c>{target}</c>,
/// <c>{volumes}</c> (comma-separated domain names) and <c>{mode}</c>.
/// </summary>
public sealed class ReplicationCommandOptions
{
    public string FileName { get; set; } = "";

    public List<string> Arguments { get; set; } = [];

    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(10);
}
