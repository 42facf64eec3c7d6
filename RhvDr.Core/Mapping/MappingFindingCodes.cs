namespace RhvDr.Core.Mapping;

/// <summary>Stable finding codes; automation and the UI key on these, so never rename one.</summary>
public static class MappingFindingCodes
{
    // Import
    public const string YamlSyntax = "yaml.syntax";
    public const string YamlNotAMapping = "yaml.not-a-mapping";
    public const string YamlEmpty = "yaml.empty";
    public const string YamlMultipleDocuments = "yaml.multiple-documents";
    public const string KeyNotAList = "key.not-a-list";
    public const string KeyUnknown = "key.unknown";
    public const string ItemNotAMapping = "item.not-a-mapping";
    public const string ValueNotAScalar = "value.not-a-scalar";
    public const string ValueNotABoolean = "value.not-a-boolean";
    public const string ValueNotANumber = "value.not-a-number";
    public const string ValueWrongType = "value.wrong-type";
    public const string SecretDropped = "secret.dropped";
    public const string YamlAlias = "yaml.alias";
    public const string InputTooDeep = "input.too-deep";
    public const string InputTooManyEntries = "input.too-many-entries";

    // Structure
    public const string SiteIncomplete = "site.incomplete";
    public const string NameEmpty = "name.empty";
    public const string NameDuplicatePrimary = "name.duplicate-primary";
    public const string NameDuplicateSecondary = "name.duplicate-secondary";
    public const string MasterMissing = "master.missing";
    public const string MasterMultiple = "master.multiple";
    public const string StorageUnknownType = "storage.unknown-type";
    public const string StorageHostedEngine = "storage.hosted-engine";
    public const string StorageExportDomain = "storage.export-domain";
    public const string StorageIscsiIncomplete = "storage.iscsi-incomplete";
    public const string StorageFileIncomplete = "storage.file-incomplete";
    public const string StorageBlockMissingId = "storage.block-missing-id";

    // Against the inventories
    public const string EngineUnreachable = "engine.unreachable";
    public const string EngineReachable = "engine.reachable";
    public const string EngineLastInventory = "engine.last-inventory";
    public const string EngineLostNotChecked = "engine.lost-not-checked";
    public const string ObjectMissingPrimary = "object.missing-primary";
    public const string ObjectMissingSecondary = "object.missing-secondary";
    public const string StorageReplicaNotListed = "storage.replica-not-listed";
    public const string StorageAttachedAtRecovery = "storage.attached-at-recovery";
    public const string ClusterVersionMismatch = "cluster.version-mismatch";
    public const string NetworkAmbiguousDc = "network.ambiguous-dc";
    public const string VmDeleteProtected = "vm.delete-protected";
    public const string VmSnapshotPreview = "vm.snapshot-preview";

    // Coverage: objects used by VMs on protected domains
    public const string CoverageCluster = "coverage.cluster";
    public const string CoverageVnicProfile = "coverage.vnic-profile";
    public const string CoverageAffinityGroup = "coverage.affinity-group";
    public const string CoverageAffinityLabel = "coverage.affinity-label";
    public const string CoverageLun = "coverage.lun";

    // Generation
    public const string GenerateExcluded = "generate.excluded";
    public const string GenerateAssumed = "generate.assumed";
    public const string GenerateUnmatched = "generate.unmatched";
}
