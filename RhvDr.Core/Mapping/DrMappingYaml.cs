using RhvDr.Core.Configuration;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace RhvDr.Core.Mapping;

/// <summary>
/// Import and export of <c>disaster_recovery_vars.yml</c>, the mapping file of the oVirt <c>disaster_recovery</c> role
/// (<c>ovirt-dr generate | validate | failover | failback</c>), so operators can move between RhvDr and the role freely.
/// </summary>
public static class DrMappingYaml
{
    /// <summary>Reads text the console wrote itself (a stored version): no limits beyond the parser's own.</summary>
    public static MappingImportResult Import(string yaml) => Import(yaml, null);

    /// <summary>
    /// Reads a mapping file from outside. With <paramref name="limits"/>, a file nested too deep, with too many entries in a
    /// list or map, or with aliases is refused by a first streaming pass, before its document tree is built.
    /// </summary>
    public static MappingImportResult Import(string yaml, LimitsOptions? limits)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var context = new MappingImportContext();

        var (syntaxError, limit) = YamlKeyPathTracker.Check(yaml, limits);
        if (syntaxError is not null)
        {
            return Failed(context, SyntaxFinding(syntaxError));
        }

        if (limit is not null)
        {
            return Failed(context, limit);
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            // The parser accepted it, so this is a representation error such as a duplicate key.
            return Failed(context, SyntaxFinding(new YamlSyntaxError(ex.Start, ex.InnerException?.Message ?? ex.Message, string.Empty)));
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            context.Findings.Add(new MappingFinding(MappingSeverity.Warning, MappingFindingCodes.YamlEmpty, string.Empty, null, null,
                "The mapping file is empty: nothing is mapped.", "Generate a mapping from the two sites, or import the role's disaster_recovery_vars.yml."));
            return new MappingImportResult(DrMapping.Empty, context.Findings, context.Source);
        }

        if (stream.Documents.Count > 1)
        {
            var second = stream.Documents[1].RootNode.Start;
            context.Report(MappingSeverity.Warning, MappingFindingCodes.YamlMultipleDocuments, string.Empty, second,
                $"The file holds {stream.Documents.Count} YAML documents; only the first one was read.",
                "Keep one document (one '---') per mapping file.");
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            var start = stream.Documents[0].RootNode.Start;
            return Failed(context, new MappingFinding(MappingSeverity.Error, MappingFindingCodes.YamlNotAMapping, string.Empty,
                (int)start.Line, (int)start.Column,
                "The file is not a mapping of dr_* keys to values.",
                "Start the file with keys such as 'dr_sites_primary_url:' and 'dr_import_storages:'."));
        }

        var mapping = DrMappingReader.Read(new YamlMapReader(root, string.Empty, context), context);
        return new MappingImportResult(mapping, context.Findings, context.Source);
    }

    public static string Export(DrMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        return DrMappingWriter.Write(mapping);
    }

    private static MappingImportResult Failed(MappingImportContext context, MappingFinding finding)
    {
        context.Findings.Add(finding);
        return new MappingImportResult(null, context.Findings, context.Source);
    }

    private static MappingFinding SyntaxFinding(YamlSyntaxError error)
    {
        var where = error.KeyPath.Length == 0 ? string.Empty : $" while reading '{error.KeyPath}'";
        return new MappingFinding(MappingSeverity.Error, MappingFindingCodes.YamlSyntax, error.KeyPath,
            (int)error.Start.Line, (int)error.Start.Column,
            $"The file is not valid YAML{where} (line {error.Start.Line}, column {error.Start.Column}): {error.Reason}",
            "Fix the YAML at that position: check indentation, quotes and the ':' after each key.");
    }
}
