namespace RhvDr.Core.Ovirt;

/// <summary>Where replication status comes from: the embedded lab's storage array, or nowhere yet.</summary>
/// <param name="ArrayBaseUrl">The lab's base URL (serves <c>/lab/array/pairs</c>); null when no array is known.</param>
/// <param name="ControlToken">The lab's control credential, sent as a bearer token to <paramref name="ArrayBaseUrl"/> only.</param>
public sealed record ReplicationSource(Uri? ArrayBaseUrl, string? ControlToken = null)
{
    public static ReplicationSource None { get; } = new((Uri?)null);

    /// <summary>Whether <paramref name="url"/> is on the array's listener (scheme, host and port), where the credential may go.</summary>
    public bool IsArray(Uri? url) =>
        ArrayBaseUrl is { } array && url is not null && url.IsAbsoluteUri
        && Uri.Compare(array, url, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;

    // The credential stays out of anything that prints the record.
    public override string ToString() => $"ReplicationSource {{ ArrayBaseUrl = {ArrayBaseUrl} }}";
}
