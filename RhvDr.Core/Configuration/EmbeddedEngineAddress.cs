namespace RhvDr.Core.Configuration;

/// <summary>
/// The address of an engine the console hosts itself, <c>SCHEME:NAME</c> (such as a site of a simulated estate): a module
/// registers the scheme (<see cref="EmbeddedEngineScheme"/>) and, once the engine listens, its endpoint
/// (<see cref="Ovirt.EngineEndpointRegistry.Register"/>). Any other engine address is an http(s) URL.
/// </summary>
/// <param name="Scheme">What comes before the colon, lower case, e.g. <c>lab</c>.</param>
/// <param name="Name">What comes after it, e.g. <c>primary</c>; empty when nothing does.</param>
public readonly record struct EmbeddedEngineAddress(string Scheme, string Name)
{
    /// <summary>
    /// Reads <c>SCHEME:NAME</c>, where the scheme is letters only and no <c>//</c> follows the colon; so
    /// <c>https://engine/...</c> and <c>engine.example.com:443</c> are not embedded addresses.
    /// </summary>
    public static bool TryParse(string? value, out EmbeddedEngineAddress address)
    {
        address = default;
        var text = value?.Trim() ?? "";
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || text.AsSpan(colon + 1).StartsWith("//", StringComparison.Ordinal) || !text[..colon].All(char.IsAsciiLetter))
        {
            return false;
        }

        address = new EmbeddedEngineAddress(text[..colon].ToLowerInvariant(), text[(colon + 1)..].Trim());
        return true;
    }

    public override string ToString() => $"{Scheme}:{Name}";
}
