namespace RhvDr.Core.Mapping;

/// <summary>
/// One side of a storage domain mapping: the <c>dr_{side}_*</c> keys of a <c>dr_import_storages</c> item.
/// File domains (nfs, glusterfs, posixfs) use address and path; iSCSI uses address, port and targets; FCP needs neither.
/// </summary>
public sealed record StorageDomainSide
{
    public static StorageDomainSide Empty { get; } = new();

    public string? Name { get; init; }

    /// <summary><c>dr_{side}_master_domain</c>: the role imports the master domain first.</summary>
    public bool? IsMaster { get; init; }

    public string? DcName { get; init; }

    public string? Address { get; init; }

    public string? Path { get; init; }

    public int? Port { get; init; }

    /// <summary><c>dr_{side}_target</c>: iSCSI targets, logged in one by one before the import.</summary>
    public ValueList<string>? Targets { get; init; }

    public string? MountOptions { get; init; }

    /// <summary><c>dr_{side}_version</c>: NFS version as the generator writes it (e.g. v4_2).</summary>
    public string? NfsVersion { get; init; }

    public string? VfsType { get; init; }

    /// <summary><c>dr_{side}_username</c>: iSCSI CHAP user.</summary>
    public string? Username { get; init; }

    /// <summary><c>dr_{side}_password</c>: iSCSI CHAP password, kept because the role logs in with it.</summary>
    public SecretValue? Password { get; init; }
}
