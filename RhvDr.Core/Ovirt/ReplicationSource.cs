namespace RhvDr.Core.Ovirt;

/// <summary>Where a storage array the console can read answers, once whoever starts it registers it (the embedded lab), or nowhere yet.</summary>
/// <param name="ArrayBaseUrl">The array's base URL; null when no array is known.</param>
/// <param name="ControlToken">The array's credential, sent as a bearer token to <paramref name="ArrayBaseUrl"/> only.</param>
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
