namespace RhvDr.Core.Ovirt;

/// <summary>Where replication status comes from: the embedded lab's storage array, or nowhere yet.</summary>
/// <param name="ArrayBaseUrl">The lab's base URL (serves <c>/lab/array/pairs</c>); null when no array is known.</param>
public sealed record ReplicationSource(Uri? ArrayBaseUrl)
{
    public static ReplicationSource None { get; } = new((Uri?)null);
}
