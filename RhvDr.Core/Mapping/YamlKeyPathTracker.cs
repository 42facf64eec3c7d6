using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace RhvDr.Core.Mapping;

/// <summary>
/// Walks the parser's events and remembers which key path it is in, so a syntax error can say
/// "while reading dr_import_storages[2].dr_primary_target" and not only a line number.
/// </summary>
internal static class YamlKeyPathTracker
{
    /// <summary>Parses <paramref name="yaml"/>; on a syntax error says where, why, and which key path was being read.</summary>
    public static YamlSyntaxError? FindSyntaxError(string yaml)
    {
        var frames = new List<Frame>();
        var lastGood = Mark.Empty;
        try
        {
            var parser = new Parser(new StringReader(yaml));
            while (parser.MoveNext())
            {
                lastGood = parser.Current!.End;
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

            return null;
        }
        catch (YamlException ex)
        {
            return new YamlSyntaxError(ex.Start, ex.InnerException?.Message ?? ex.Message, PathOf(frames));
        }
        catch (InvalidOperationException ex)
        {
            // YamlDotNet's scanner throws this (without a position) on some malformed input, e.g. an unclosed
            // flow sequence followed by a key; the end of the last good event is the best position we have.
            return new YamlSyntaxError(lastGood, $"unexpected content ({ex.Message})", PathOf(frames));
        }
    }

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
    }
}
