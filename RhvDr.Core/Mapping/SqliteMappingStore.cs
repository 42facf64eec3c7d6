using RhvDr.Core.Data;

namespace RhvDr.Core.Mapping;

/// <summary>
/// Mapping versions in SQLite (table <c>mapping_versions</c>): the body is the mapping's YAML export, so what is stored is
/// what an operator can download, except that secrets (CHAP passwords) are encrypted with <see cref="ISecretProtector"/>;
/// findings are kept as JSON as they were when saved.
/// </summary>
public sealed class SqliteMappingStore : IMappingStore
{
    private readonly VersionedDocumentTable<DrMapping> _versions;

    public SqliteMappingStore(SqliteConnectionFactory connections, TimeProvider time, ISecretProtector secrets) =>
        _versions = new VersionedDocumentTable<DrMapping>(connections, time, "mapping_versions", new MappingFormat(secrets));

    public async Task<StoredMapping?> GetCurrentAsync(CancellationToken cancellationToken = default) =>
        ToMapping(await _versions.GetCurrentAsync(cancellationToken).ConfigureAwait(false));

    public async Task<StoredMapping?> GetActiveAsync(CancellationToken cancellationToken = default) =>
        ToMapping(await _versions.GetActiveAsync(cancellationToken).ConfigureAwait(false));

    public async Task<StoredMapping?> GetVersionAsync(int version, CancellationToken cancellationToken = default) =>
        ToMapping(await _versions.GetVersionAsync(version, cancellationToken).ConfigureAwait(false));

    public async Task<IReadOnlyList<MappingVersionInfo>> GetVersionsAsync(CancellationToken cancellationToken = default) =>
        [.. (await _versions.GetVersionsAsync(cancellationToken).ConfigureAwait(false)).Select(ToInfo)];

    public async Task<StoredMapping> SaveAsync(
        DrMapping mapping, IReadOnlyList<MappingFinding> findings, string savedBy, string? comment, CancellationToken cancellationToken = default) =>
        ToMapping(await _versions.SaveAsync(mapping, findings, savedBy, comment, cancellationToken).ConfigureAwait(false))!;

    private static StoredMapping? ToMapping(StoredDocument<DrMapping>? stored) =>
        stored is null ? null : new StoredMapping(ToInfo(stored.Version), stored.Document, stored.Findings);

    private static MappingVersionInfo ToInfo(DocumentVersion v) =>
        new(v.Version, v.SavedAt, v.SavedBy, v.Comment, v.IsDraft, v.Errors, v.Warnings, v.Summary);

    private sealed class MappingFormat(ISecretProtector secrets) : IDocumentFormat<DrMapping>
    {
        // Marks an encrypted secret in the stored YAML, so a body written before encryption still reads.
        private const string ProtectedPrefix = "protected:";

        public string Write(DrMapping document) =>
            DrMappingYaml.Export(MappingSecrets.MapSecrets(document, secret => ProtectedPrefix + secrets.Protect(secret)));

        public DrMapping Read(int version, string body)
        {
            var imported = DrMappingYaml.Import(body);
            var mapping = imported.Mapping
                ?? throw new InvalidDataException($"Mapping version {version} in the database cannot be read back: {string.Join("; ", imported.Findings)}. Roll back to another version.");
            return MappingSecrets.MapSecrets(mapping, secret =>
                secret.StartsWith(ProtectedPrefix, StringComparison.Ordinal) ? secrets.Unprotect(secret[ProtectedPrefix.Length..]) : secret);
        }

        public string Describe(DrMapping? previous, DrMapping current) => MappingChangeSummary.Describe(previous, current);
    }
}
