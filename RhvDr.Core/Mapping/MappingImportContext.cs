using YamlDotNet.Core;

namespace RhvDr.Core.Mapping;

/// <summary>What an import collects while it reads: findings and the position of every key.</summary>
internal sealed class MappingImportContext
{
    public List<MappingFinding> Findings { get; } = [];

    public MappingSourceMap Source { get; } = new();

    public void Locate(string keyPath, Mark mark) => Source.Add(keyPath, new SourceLocation((int)mark.Line, (int)mark.Column));

    public void Report(MappingSeverity severity, string code, string keyPath, Mark mark, string message, string fix) =>
        Findings.Add(new MappingFinding(severity, code, keyPath, (int)mark.Line, (int)mark.Column, message, fix));
}
