namespace RhvDr.Core.Mapping;

/// <summary>Collects findings and places them at the line of their key when the mapping came from a file.</summary>
internal sealed class MappingFindingSink(MappingSourceMap? source)
{
    public List<MappingFinding> Findings { get; } = [];

    public void Add(MappingSeverity severity, string code, string key, string message, string fix)
    {
        var location = source?.Find(key);
        Findings.Add(new MappingFinding(severity, code, key, location?.Line, location?.Column, message, fix));
    }

    public void Error(string code, string key, string message, string fix) => Add(MappingSeverity.Error, code, key, message, fix);

    public void Warning(string code, string key, string message, string fix) => Add(MappingSeverity.Warning, code, key, message, fix);

    public void Info(string code, string key, string message, string fix) => Add(MappingSeverity.Info, code, key, message, fix);
}
