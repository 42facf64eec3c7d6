namespace RhvDr.Core.Replication;

/// <summary>Where a volume is presented at one site: NFS <see cref="Address"/>:<see cref="Path"/>, or iSCSI portal and <see cref="Target"/>.</summary>
public sealed record VolumeEndpoint(string Address, string? Path, string? Target, int Port = 3260);
