using System.Globalization;
using RhvDr.Core.Ovirt;

namespace RhvDr.Core.Engines;

/// <summary>Which engines the console supports, and what it says about the one it found.</summary>
public static class EngineVersionSupport
{
    public const int Major = 4;
    public const int MinimumMinor = 3;
    public const int MaximumMinor = 5;

    /// <summary>The REST API version the console speaks (it sends <c>Version: 4</c>).</summary>
    public const string ApiVersion = "4";

    public static string Range { get; } = $"RHV/oVirt {Major}.{MinimumMinor} to {Major}.{MaximumMinor}, REST API v{ApiVersion}";

    public static bool IsSupported(int? major, int? minor) => major == Major && minor is >= MinimumMinor and <= MaximumMinor;

    /// <summary>The facts from <c>product_info</c> and a line saying whether the console supports that engine.</summary>
    public static (EngineProductFacts Facts, EngineCheckLine Line) Evaluate(OvirtProductInfo? product)
    {
        var version = product?.Version;
        var text = version?.FullVersion
            ?? (version?.Major is { } major ? string.Join('.', new[] { major, version.Minor, version.Build, version.Revision }.TakeWhile(v => v is not null).Select(v => v!.Value.ToString(CultureInfo.InvariantCulture))) : null);
        var name = string.IsNullOrWhiteSpace(product?.Name) ? "the engine" : product.Name;
        var supported = IsSupported(version?.Major, version?.Minor);
        var facts = new EngineProductFacts(product?.Name, text, version?.Major, version?.Minor, version?.Build, version?.Revision, ApiVersion, supported);

        if (version?.Major is null)
        {
            return (facts, new EngineCheckLine("version", EngineCheckLevel.Warn,
                $"{name} did not say its version (no product_info version in GET /ovirt-engine/api); supported: {Range}",
                "Check that the URL points at an oVirt/RHV engine's API, not a proxy or another product."));
        }
        if (supported)
        {
            return (facts, new EngineCheckLine("version", EngineCheckLevel.Ok, $"{name} {text}, API v{ApiVersion} (supported: {Range})"));
        }
        var older = version.Major < Major || (version.Major == Major && version.Minor < MinimumMinor);
        return (facts, new EngineCheckLine("version", EngineCheckLevel.Warn,
            $"{name} {text} is outside the supported range ({Range}); DR runs may work but are not tested against it",
            older
                ? $"Upgrade the engine to {Major}.{MinimumMinor} or later before relying on it for DR."
                : "Rehearse a test failover on this engine before relying on it for DR, and report what differs."));
    }
}
