namespace RhvDr.Lab.Array;

/// <summary>How one site reaches a volume: NFS <see cref="Address"/>:<see cref="Path"/>, or iSCSI portal <see cref="Address"/> and <see cref="Target"/>.</summary>
public sealed record ArrayEndpoint(string Address, string? Path, string? Target, int Port = 3260);
