using System.Text;
using System.Text.Json;
using RhvDr.Core.Mapping;

namespace RhvDr.Console.Api;

/// <summary>
/// Why a JSON mapping body could not be read, as one error finding with its key (a path such as
/// <c>importStorages[2].primary.port</c>) and line: a value of the wrong type or a field the mapping does not have is
/// refused, never dropped, so an operator is not told "no changes" about a value that was not kept.
/// </summary>
public static class MappingJsonFindings
{
    private const string Fix = "Send the JSON of GET /api/mapping's 'mapping' property, or the YAML file with Content-Type application/yaml.";

    public static MappingFinding From(JsonException ex, string json)
    {
        ArgumentNullException.ThrowIfNull(ex);
        var line = (int?)ex.LineNumber + 1;
        var column = (int?)ex.BytePositionInLine + 1;
        var key = ex.LineNumber is { } l && ex.BytePositionInLine is { } b ? KeyAt(json ?? string.Empty, l, b) : string.Empty;
        if (key.Length == 0)
        {
            key = ex.Path?.TrimStart('$').TrimStart('.') ?? string.Empty;
        }

        if (ex.Message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            return new MappingFinding(MappingSeverity.Error, MappingFindingCodes.KeyUnknown, key, line, column,
                $"'{key}' (line {line}) is not a field of the mapping; nothing was saved.",
                "Check the spelling against GET /api/mapping's 'mapping' (a storage domain's port is primary.port, for example).");
        }

        if (ex.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal))
        {
            return new MappingFinding(MappingSeverity.Error, MappingFindingCodes.ValueWrongType, key, line, column,
                $"'{key}' (line {line}) has a value of the wrong type; nothing was saved.",
                "Write numbers as numbers (3260), booleans as true or false without quotes, names and addresses in quotes, as GET /api/mapping shows them.");
        }

        return new MappingFinding(MappingSeverity.Error, MappingFindingCodes.YamlSyntax, key, line, column,
            $"The body is not a JSON mapping (line {line}, column {column}, at '{key}'): {ex.Message}", Fix);
    }

    /// <summary>
    /// The path of the last token that starts before the error position. The serializer's own path loses the outer part
    /// inside the mapping's list converter, so the path is rebuilt from the text.
    /// </summary>
    private static string KeyAt(string json, long line, long bytePositionInLine)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var offset = OffsetOf(bytes, line) + bytePositionInLine;
        var frames = new List<Frame>();
        var key = string.Empty;
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        try
        {
            while (reader.Read() && reader.TokenStartIndex < offset)
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        frames[^1].Name = reader.GetString();
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        frames.RemoveAt(frames.Count - 1);
                        break;
                    default:
                        if (frames.Count > 0 && frames[^1].IsArray)
                        {
                            frames[^1].Index++;
                        }

                        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                        {
                            frames.Add(new Frame { IsArray = reader.TokenType == JsonTokenType.StartArray });
                        }

                        break;
                }

                key = Render(frames);
            }
        }
        catch (JsonException)
        {
            // Malformed text after the last good token: the path so far is the best answer.
        }

        return key;
    }

    private static long OffsetOf(byte[] bytes, long line)
    {
        long offset = 0;
        for (var seen = 0L; seen < line && offset < bytes.Length; offset++)
        {
            if (bytes[offset] == (byte)'\n')
            {
                seen++;
            }
        }

        return offset;
    }

    private static string Render(List<Frame> frames)
    {
        var path = new StringBuilder();
        foreach (var frame in frames)
        {
            if (frame.IsArray && frame.Index >= 0)
            {
                path.Append('[').Append(frame.Index).Append(']');
            }
            else if (!frame.IsArray && frame.Name is not null)
            {
                path.Append(path.Length == 0 ? "" : ".").Append(frame.Name);
            }
        }

        return path.ToString();
    }

    private sealed class Frame
    {
        public bool IsArray { get; init; }

        public int Index { get; set; } = -1;

        public string? Name { get; set; }
    }
}
