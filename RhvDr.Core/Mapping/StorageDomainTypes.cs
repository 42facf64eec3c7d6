namespace RhvDr.Core.Mapping;

/// <summary>The <c>dr_domain_type</c> values the role knows how to import.</summary>
public static class StorageDomainTypes
{
    public const string Nfs = "nfs";
    public const string Iscsi = "iscsi";
    public const string Fcp = "fcp";
    public const string GlusterFs = "glusterfs";
    public const string PosixFs = "posixfs";

    public static IReadOnlyList<string> All { get; } = [Nfs, Iscsi, Fcp, GlusterFs, PosixFs];

    public static bool IsKnown(string? type) => type is not null && All.Contains(type, StringComparer.OrdinalIgnoreCase);

    /// <summary>Block domains are imported by id after a LUN scan; file domains are added by address and path.</summary>
    public static bool IsBlock(string? type) =>
        string.Equals(type, Iscsi, StringComparison.OrdinalIgnoreCase) || string.Equals(type, Fcp, StringComparison.OrdinalIgnoreCase);
}
