using RhvDr.Core.Configuration;
using RhvDr.Core.Mapping;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace RhvDr.Core.Plans;

/// <summary>
/// Import and export of <c>rhvdr-plans.yml</c>, the protection groups and recovery plans as a file to review in git.
/// Findings carry the key path (<c>plans[0].vms[2].priority</c>) and the line, like the mapping's.
/// </summary>
public static class PlanYaml
{
    public const string FileName = "rhvdr-plans.yml";

    /// <summary>Reads text the console wrote itself (a stored version).</summary>
    public static PlanImportResult Import(string yaml) => Import(yaml, null);

    /// <summary>Reads a plans file from outside; with <paramref name="limits"/>, input too deep, too wide or with aliases is refused first.</summary>
    public static PlanImportResult Import(string yaml, LimitsOptions? limits)
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
            return Failed(context, InPlanWords(limit));
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            return Failed(context, SyntaxFinding(new YamlSyntaxError(ex.Start, ex.InnerException?.Message ?? ex.Message, string.Empty)));
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            // An empty file is a valid, empty plans file: every run recovers the implicit group "all".
            return new PlanImportResult(PlanDocument.Empty, context.Findings, context.Source);
        }

        if (stream.Documents.Count > 1)
        {
            context.Report(MappingSeverity.Error, MappingFindingCodes.YamlMultipleDocuments, string.Empty, stream.Documents[1].RootNode.Start,
                $"The file holds {stream.Documents.Count} YAML documents; a plans file is one.",
                "Keep one document (one '---') in rhvdr-plans.yml.");
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            var start = stream.Documents[0].RootNode.Start;
            return Failed(context, new MappingFinding(MappingSeverity.Error, MappingFindingCodes.YamlNotAMapping, string.Empty,
                (int)start.Line, (int)start.Column,
                "The file is not a plans file: it must be a mapping with the keys protection_groups and plans.",
                "Start the file with 'protection_groups:' and 'plans:' (see examples/rhvdr-plans.yml)."));
        }

        var document = PlanYamlReader.Read(new YamlMapReader(root, string.Empty, context, PlanYamlKeys.DocumentKeys, "examples/rhvdr-plans.yml"));
        return new PlanImportResult(context.Findings.Any(f => f.IsError) ? null : document, context.Findings, context.Source);
    }

    public static string Export(PlanDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return PlanYamlWriter.Write(document);
    }

    private static PlanImportResult Failed(MappingImportContext context, MappingFinding finding)
    {
        context.Findings.Add(finding);
        return new PlanImportResult(null, context.Findings, context.Source);
    }

    /// <summary>The reader's limits are shared with the mapping file; their words here speak of a plans file.</summary>
    private static MappingFinding InPlanWords(MappingFinding limit) => limit with
    {
        Message = limit.Message
            .Replace("a DR mapping nests four", "a plans file nests seven", StringComparison.Ordinal)
            .Replace("a mapping file", "a plans file", StringComparison.Ordinal),
        Fix = limit.Code == MappingFindingCodes.InputTooManyEntries
            ? limit.Fix.Replace("maps more objects", "needs more entries", StringComparison.Ordinal)
            : limit.Code == MappingFindingCodes.YamlAlias
                ? "Write the value out in full wherever it is needed (GET /api/plans/export does so)."
                : "Send rhvdr-plans.yml as GET /api/plans/export writes it (see examples/rhvdr-plans.yml).",
    };

    private static MappingFinding SyntaxFinding(YamlSyntaxError error)
    {
        var where = error.KeyPath.Length == 0 ? string.Empty : $" while reading '{error.KeyPath}'";
        return new MappingFinding(MappingSeverity.Error, MappingFindingCodes.YamlSyntax, error.KeyPath,
            (int)error.Start.Line, (int)error.Start.Column,
            $"The file is not valid YAML{where} (line {error.Start.Line}, column {error.Start.Column}): {error.Reason}",
            "Fix the YAML at that position: check indentation, quotes and the ':' after each key.");
    }
}
