using System.Text;
using System.Text.Json;
using RhvDr.Core.Configuration;

namespace RhvDr.Core.Mapping;

/// <summary>
/// The JSON counterpart of the YAML reader's limits: one pass over the bytes with <see cref="Utf8JsonReader"/>, holding one
/// frame per nesting level, refuses a body nested too deep or with too many entries in one array or object before the
/// serializer builds anything from it. Syntax errors are left to the serializer, which says where they are.
/// </summary>
public static class MappingJsonBounds
{
    public static MappingFinding? Check(ReadOnlySpan<byte> utf8, LimitsOptions limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var frames = new List<Frame>();
        // The reader's own depth limit sits above ours so that ours is the one an operator reads.
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = LimitsOptions.MappingMaxDepth + 2, CommentHandling = JsonCommentHandling.Skip });
        try
        {
            while (reader.Read())
            {
                var token = reader.TokenType;
                if (token is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    frames.RemoveAt(frames.Count - 1);
                    continue;
                }

                if (frames.Count > 0)
                {
                    var top = frames[^1];
                    if (token == JsonTokenType.PropertyName)
                    {
                        top.Entries++;
                        top.Name = reader.GetString();
                    }
                    else if (!top.IsObject)
                    {
                        top.Entries++;
                    }

                    if (top.Entries > limits.MappingMaxEntries)
                    {
                        var setting = LimitsOptions.Setting(nameof(LimitsOptions.MappingMaxEntries));
                        return Finding(MappingFindingCodes.InputTooManyEntries, frames,
                            $"'{Where(frames)}' holds more than {limits.MappingMaxEntries} entries, the most a mapping may hold in one list or map ({setting}).",
                            $"Check that this is the right body; if the estate really maps more objects, raise {setting}.");
                    }
                }

                if (token is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    if (frames.Count + 1 > LimitsOptions.MappingMaxDepth)
                    {
                        return Finding(MappingFindingCodes.InputTooDeep, frames,
                            $"The body nests arrays and objects more than {LimitsOptions.MappingMaxDepth} levels deep at '{Where(frames)}'; a DR mapping nests four.",
                            "Send the JSON of GET /api/mapping's 'mapping' property.");
                    }

                    frames.Add(new Frame(token == JsonTokenType.StartObject));
                }
            }
        }
        catch (JsonException)
        {
            // Not valid JSON: the serializer reports it with its line and column.
        }

        return null;
    }

    private static MappingFinding Finding(string code, List<Frame> frames, string message, string fix) =>
        new(MappingSeverity.Error, code, PathOf(frames), null, null, message, fix);

    private static string Where(List<Frame> frames) => PathOf(frames) is { Length: > 0 } path ? path : "(top level)";

    private static string PathOf(List<Frame> frames)
    {
        var path = new StringBuilder();
        for (var i = 0; i < frames.Count; i++)
        {
            var frame = frames[i];
            var last = i == frames.Count - 1;
            if (frame.IsObject && frame.Name is not null && !last)
            {
                path.Append(path.Length > 0 ? "." : "").Append(frame.Name);
            }
            else if (!frame.IsObject && !last)
            {
                path.Append('[').Append(frame.Entries - 1).Append(']');
            }
        }

        return path.ToString();
    }

    private sealed class Frame(bool isObject)
    {
        public bool IsObject { get; } = isObject;

        public string? Name { get; set; }

        public int Entries { get; set; }
    }
}
