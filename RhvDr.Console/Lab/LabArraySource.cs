namespace RhvDr.Console.Lab;

/// <summary>
/// Where the embedded lab's storage array answers and its credential for this start, once the lab has started
/// (<see cref="EmbeddedLabService"/> sets it); until then the lab array's adapters are idle.
/// </summary>
public sealed class LabArraySource
{
    private volatile LabArrayAddress? _address;

    /// <summary>The array's base URL; null until the lab has started.</summary>
    public Uri? ArrayBaseUrl => _address?.BaseUrl;

    /// <summary>The array's credential, sent as a bearer token to <see cref="ArrayBaseUrl"/> only.</summary>
    public string? ControlToken => _address?.ControlToken;

    public void Set(Uri baseUrl, string controlToken)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentException.ThrowIfNullOrEmpty(controlToken);
        _address = new LabArrayAddress(baseUrl, controlToken);
    }

    /// <summary>Whether <paramref name="url"/> is on the array's listener (scheme, host and port), where the credential may go.</summary>
    public bool IsArray(Uri? url) =>
        ArrayBaseUrl is { } array && url is not null && url.IsAbsoluteUri
        && Uri.Compare(array, url, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;

    // The credential stays out of anything that prints the address.
    private sealed record LabArrayAddress(Uri BaseUrl, string ControlToken)
    {
        public override string ToString() => $"LabArrayAddress {{ BaseUrl = {BaseUrl} }}";
    }
}
