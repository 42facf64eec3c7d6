using System.Text.Json;
using RhvDr.Console.Api;
using RhvDr.Core.Mapping;

namespace RhvDr.Tests.Mapping;

/// <summary>A JSON mapping body with a misspelt field or a wrong-typed value: refused with the full key and its line, never dropped.</summary>
public sealed class MappingJsonFindingsTests
{
    [Theory]
    [InlineData("\"port\": \"not-a-port\"", MappingFindingCodes.ValueWrongType, "importStorages[1].primary.port")]
    [InlineData("\"isMaster\": 7", MappingFindingCodes.ValueWrongType, "importStorages[1].primary.isMaster")]
    [InlineData("\"primaryPort\": 3260", MappingFindingCodes.KeyUnknown, "importStorages[1].primary.primaryPort")]
    public void From_BadFieldInSecondStorage_NamesFullKeyAndLine(string field, string code, string key)
    {
        var json = $$"""
            {
              "importStorages": [
                { "domainType": "nfs", "primary": { "name": "a" } },
                {
                  "domainType": "iscsi",
                  "primary": {
                    "name": "b",
                    {{field}}
                  }
                }
              ]
            }
            """;

        var finding = Read(json);

        Assert.Equal(code, finding.Code);
        Assert.Equal(MappingSeverity.Error, finding.Severity);
        Assert.Equal(key, finding.Key);
        Assert.Equal(8, finding.Line);
        Assert.Contains($"'{key}' (line 8)", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_BooleanAsWordsOnRootStorage_NamesWipeAfterDelete()
    {
        var finding = Read("{\n\"importStorages\": [\n{\"wipeAfterDelete\": \"yes-please\"}\n]\n}");

        Assert.Equal(MappingFindingCodes.ValueWrongType, finding.Code);
        Assert.Equal("importStorages[0].wipeAfterDelete", finding.Key);
        Assert.Equal(3, finding.Line);
    }

    [Fact]
    public void From_MisspeltTopLevelField_NamesIt()
    {
        var finding = Read("{\"clusters\": [], \"clusterz\": []}");

        Assert.Equal(MappingFindingCodes.KeyUnknown, finding.Code);
        Assert.Equal("clusterz", finding.Key);
    }

    private static MappingFinding Read(string json)
    {
        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<DrMapping>(json, MappingApi.Json));
        return MappingJsonFindings.From(ex, json);
    }
}
