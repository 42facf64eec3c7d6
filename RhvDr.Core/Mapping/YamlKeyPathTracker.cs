using System.Text;
using RhvDr.Core.Configuration;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace RhvDr.Core.Mapping;

/// <summary>
/// Walks the parser's events and remembers which key path it is in, so a syntax error can say
/// "while reading dr_import_storages[2].dr_primary_target" and not only a line number. With limits, the same single pass
/// over the parser's events (which holds no more than one frame per nesting level) also refuses input that is nested too
/// deep, has a list or map with too many entries, or uses an alias, before anything proportional to the input is built.
/// </summary>
internal static class YamlKeyPathTracker
{
    /// <summary>Parses <paramref name="yaml"/>; on a syntax error says where, why, and which key path was being read.</summary>
    public static YamlSyntaxError? FindSyntaxError(string yaml) => Check(yaml, null).Syntax;

    /// <summary>
    /// Parses <paramref name="yaml"/> once: a syntax error, or (with <paramref name="limits"/>) the first limit the text
    /// goes beyond, as a finding naming the key path, the limit and its setting.
    /// </summary>
    public static (YamlSyntaxError? Syntax, MappingFinding? Limit) Check(string yaml, LimitsOptions? limits)
    {
        var frames = new List<Frame>();
        var lastGood = Mark.Empty;
        try
        {
            var parser = new Parser(new StringReader(yaml));
            while (parser.MoveNext())
            {
                lastGood = parser.Current!.End;
                if (limits is not null && LimitExceeded(parser.Current, frames, limits) is { } limit)
                {
                    return (null, limit);
                }

                switch (parser.Current)
                {
                    case MappingStart:
                        BeginNode(frames);
                        frames.Add(new Frame(isMapping: true));
                        break;
                    case SequenceStart:
                        BeginNode(frames);
                        frames.Add(new Frame(isMapping: false));
                        break;
                    case MappingEnd or SequenceEnd:
                        frames.RemoveAt(frames.Count - 1);
                        EndNode(frames, null);
                        break;
                    case Scalar scalar:
                        BeginNode(frames);
                        EndNode(frames, scalar.Value);
                        break;
                    case AnchorAlias:
                        BeginNode(frames);
                        EndNode(frames, "*");
                        break;
                }
            }

            return (null, null);
        }
        catch (YamlException ex)
        {
            return (new YamlSyntaxError(ex.Start, ex.InnerException?.Message ?? ex.Message, PathOf(frames)), null);
        }
        catch (InvalidOperationException ex)
        {
            // YamlDotNet's scanner throws this (without a position) on some malformed input, e.g. an unclosed
            // flow sequence followed by a key; the end of the last good event is the best position we have.
            return (new YamlSyntaxError(lastGood, $"unexpected content ({ex.Message})", PathOf(frames)), null);
        }
    }

    private static MappingFinding? LimitExceeded(ParsingEvent current, List<Frame> frames, LimitsOptions limits)
    {
        if (current is AnchorAlias alias)
        {
            // An alias repeats a node wherever it is used; a few lines of aliases of aliases expand to billions of nodes.
            return Finding(MappingFindingCodes.YamlAlias, PathOf(frames), current.Start,
                $"The file uses the alias '*{alias.Value}' at '{Where(frames)}'; a mapping file may not use YAML anchors and aliases.",
                "Write the value out in full wherever it is needed (an export from RhvDr or the role's generate command does so).");
        }

        if (current is not (MappingStart or SequenceStart or Scalar))
        {
            return null;
        }

        if (current is MappingStart or SequenceStart && frames.Count + 1 > LimitsOptions.MappingMaxDepth)
        {
            return Finding(MappingFindingCodes.InputTooDeep, PathOf(frames), current.Start,
                $"The file nests lists and maps more than {LimitsOptions.MappingMaxDepth} levels deep at '{Where(frames)}'; a DR mapping nests four.",
                "Send the oVirt role's disaster_recovery_vars.yml, or the mapping of GET /api/mapping.");
        }

        if (frames.Count > 0)
        {
            var top = frames[^1];
            if (!top.IsMapping || top.ExpectKey)
            {
                top.Entries++;
            }

            if (top.Entries > limits.MappingMaxEntries)
            {
                var setting = LimitsOptions.Setting(nameof(LimitsOptions.MappingMaxEntries));
                // The list or map itself, reached through the keys and indices of the frames around it.
                var container = frames[..^1];
                return Finding(MappingFindingCodes.InputTooManyEntries, PathOf(container), current.Start,
                    $"'{Where(container)}' holds more than {limits.MappingMaxEntries} entries, the most a mapping file may hold in one list or map ({setting}).",
                    $"Check that this is the right file; if the estate really maps more objects, raise {setting}.");
            }
        }

        return null;
    }

    private static string Where(List<Frame> frames) => PathOf(frames) is { Length: > 0 } path ? path : "(top level)";

    private static MappingFinding Finding(string code, string key, Mark at, string message, string fix) =>
        new(MappingSeverity.Error, code, key, (int)at.Line, (int)at.Column, message, fix);

    private static void BeginNode(List<Frame> frames)
    {
        if (frames.Count > 0 && !frames[^1].IsMapping)
        {
            frames[^1].Index++;
        }
    }

    private static void EndNode(List<Frame> frames, string? scalarValue)
    {
        if (frames.Count == 0 || !frames[^1].IsMapping)
        {
            return;
        }

        var top = frames[^1];
        if (top.ExpectKey)
        {
            top.Key = scalarValue ?? "?";
        }

        top.ExpectKey = !top.ExpectKey;
    }

    private static string PathOf(List<Frame> frames)
    {
        var path = new StringBuilder();
        foreach (var frame in frames)
        {
            if (frame.IsMapping && frame.Key is not null)
            {
                if (path.Length > 0)
                {
                    path.Append('.');
                }

                path.Append(frame.Key);
            }
            else if (!frame.IsMapping && frame.Index >= 0)
            {
                path.Append('[').Append(frame.Index).Append(']');
            }
        }

        return path.ToString();
    }

    private sealed class Frame(bool isMapping)
    {
        public bool IsMapping { get; } = isMapping;

        public bool ExpectKey { get; set; } = true;

        public string? Key { get; set; }

        public int Index { get; set; } = -1;

        /// <summary>Items of a list, or keys of a map, seen so far.</summary>
        public int Entries { get; set; }
    }
}
