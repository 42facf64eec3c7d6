using RhvDr.Core.Sites;

namespace RhvDr.Core.Configuration;

/// <summary>One site's engine and credentials, bound from <c>RhvDr:Sites:N</c>.</summary>
public sealed class SiteOptions
{
    /// <summary>Short stable id used in URLs and the API, e.g. <c>primary</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>What operators call the site; the name when empty.</summary>
    public string? DisplayName { get; set; }

    public SiteRole Role { get; set; }

    /// <summary><c>https://ENGINE/ovirt-engine/api</c>, or <c>SCHEME:NAME</c> for an engine the console hosts itself (<see cref="Embedded"/>).</summary>
    public string EngineUrl { get; set; } = "";

    public string Username { get; set; } = "";

    /// <summary>Secret: never logged, never returned by the API.</summary>
    public string Password { get; set; } = "";

    /// <summary>PEM file of the engine's CA; when set, only that CA is trusted.</summary>
    public string? CaFile { get; set; }

    /// <summary>SHA-256 of the engine's certificate in hex; when set, only that certificate is accepted.</summary>
    public string? CaFingerprint { get; set; }

    /// <summary>Accept any certificate. For throw-away test engines only.</summary>
    public bool Insecure { get; set; }

    /// <summary>Active/Active: the affinity label (e.g. <c>site_primary</c>) that marks this site's hosts and the VMs that prefer it.</summary>
    public string? AffinityLabel { get; set; }

    /// <summary>Active/Active: a regular expression on host names for this site's hosts (e.g. <c>^host-prod-</c>), when hosts carry no site label.</summary>
    public string? HostPattern { get; set; }

    /// <summary>The embedded engine this site is, when <see cref="EngineUrl"/> is <c>SCHEME:NAME</c> rather than a URL.</summary>
    public EmbeddedEngineAddress? Embedded => EmbeddedEngineAddress.TryParse(EngineUrl, out var address) ? address : null;

    public bool IsEmbedded => Embedded is not null;

    /// <summary>The site as the rest of the console sees it, without credentials.</summary>
    public SiteDescriptor ToDescriptor() =>
        new(Name, string.IsNullOrWhiteSpace(DisplayName) ? Name : DisplayName, Role, EngineUrl, IsEmbedded);

    // Keeps the password out of logs and debugger views that print the object.
    public override string ToString() => $"{Name} ({Role}) {EngineUrl} as {Username}";
}
