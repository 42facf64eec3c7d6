namespace RhvDr.Lab.Resources;

/// <summary>The engine's URL layout: resources always link under <c>/ovirt-engine/api</c>, as a real engine does.</summary>
public static class ApiPaths
{
    public const string Base = "/ovirt-engine/api";

    public const string VersionedBase = "/ovirt-engine/api/v4";

    public const string Token = "/ovirt-engine/sso/oauth/token";
}
