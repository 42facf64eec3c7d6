using RhvDr.Core.Data;
using RhvDr.Core.Mapping;

namespace RhvDr.Core.Plans;

/// <summary>
/// Plan versions in SQLite (table <c>plan_versions</c>): the body is the document's <c>rhvdr-plans.yml</c> export, so what is
/// stored is what an operator downloads; findings are kept as JSON as they were when saved.
/// </summary>
public sealed class SqlitePlanStore : IPlanStore
{
    private readonly VersionedDocumentTable<PlanDocument> _versions;

    public SqlitePlanStore(SqliteConnectionFactory connections, TimeProvider time) =>
        _versions = new VersionedDocumentTable<PlanDocument>(connections, time, "plan_versions", new PlanFormat());

    public async Task<StoredPlans?> GetCurrentAsync(CancellationToken cancellationToken = default) =>
        ToPlans(await _versions.GetCurrentAsync(cancellationToken).ConfigureAwait(false));

    public async Task<StoredPlans?> GetActiveAsync(CancellationToken cancellationToken = default) =>
        ToPlans(await _versions.GetActiveAsync(cancellationToken).ConfigureAwait(false));

    public async Task<StoredPlans?> GetVersionAsync(int version, CancellationToken cancellationToken = default) =>
        ToPlans(await _versions.GetVersionAsync(version, cancellationToken).ConfigureAwait(false));

    public async Task<IReadOnlyList<StoredPlans>> GetAllAsync(CancellationToken cancellationToken = default) =>
        [.. (await _versions.GetAllAsync(cancellationToken).ConfigureAwait(false)).Select(stored => ToPlans(stored)!)];

    public async Task<IReadOnlyList<PlanVersionInfo>> GetVersionsAsync(CancellationToken cancellationToken = default) =>
        [.. (await _versions.GetVersionsAsync(cancellationToken).ConfigureAwait(false)).Select(ToInfo)];

    public async Task<StoredPlans> SaveAsync(
        PlanDocument document, IReadOnlyList<MappingFinding> findings, string savedBy, string? comment, CancellationToken cancellationToken = default) =>
        ToPlans(await _versions.SaveAsync(document, findings, savedBy, comment, cancellationToken).ConfigureAwait(false))!;

    private static StoredPlans? ToPlans(StoredDocument<PlanDocument>? stored) =>
        stored is null ? null : new StoredPlans(ToInfo(stored.Version), stored.Document, stored.Findings);

    private static PlanVersionInfo ToInfo(DocumentVersion v) =>
        new(v.Version, v.SavedAt, v.SavedBy, v.Comment, v.IsDraft, v.Errors, v.Warnings, v.Summary);

    private sealed class PlanFormat : IDocumentFormat<PlanDocument>
    {
        public string Write(PlanDocument document) => PlanYaml.Export(document);

        public PlanDocument Read(int version, string body)
        {
            var imported = PlanYaml.Import(body);
            return imported.Document
                ?? throw new InvalidDataException($"Plans version {version} in the database cannot be read back: {string.Join("; ", imported.Findings)}. Save the plans again.");
        }

        public string Describe(PlanDocument? previous, PlanDocument current) => PlanChangeSummary.Describe(previous, current);
    }
}
