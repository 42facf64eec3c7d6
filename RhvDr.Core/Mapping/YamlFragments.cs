using YamlDotNet.RepresentationModel;

namespace RhvDr.Core.Mapping;

/// <summary>Turns a YAML node into standalone text and back, so unknown values survive without a typed model.</summary>
internal static class YamlFragments
{
    private const string DocumentEnd = "...";

    public static string ToText(YamlNode node)
    {
        using var writer = new StringWriter { NewLine = "\n" };
        new YamlStream(new YamlDocument(node)).Save(writer, assignAnchors: false);
        var text = writer.ToString().TrimEnd();
        if (text.EndsWith(DocumentEnd, StringComparison.Ordinal))
        {
            text = text[..^DocumentEnd.Length].TrimEnd();
        }

        return text;
    }

    public static YamlNode FromText(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents.Count == 0 ? new YamlScalarNode(null) : stream.Documents[0].RootNode;
    }
}
