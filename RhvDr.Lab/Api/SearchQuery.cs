using System.Globalization;

namespace RhvDr.Lab.Api;

/// <summary>
/// The engine's search language, as far as DR tooling uses it: <c>name=X</c>, <c>name=prefix*</c>, <c>id=X</c>,
/// <c>status=up and datacenter=Y</c>, <c>id=X or id=Y</c>, <c>!=</c>; <c>and</c> binds tighter than <c>or</c>. Matching is
/// case-insensitive. Terms on fields the lab does not know are ignored.
/// </summary>
public sealed class SearchQuery
{
    /// <summary>Alternatives joined by <c>or</c>, each a list of terms joined by <c>and</c>.</summary>
    private readonly List<List<(string Field, string Pattern, bool Negated)>> _alternatives = [];

    private SearchQuery()
    {
    }

    public static SearchQuery? Parse(string? search)
    {
        if (string.IsNullOrWhiteSpace(search))
        {
            return null;
        }

        var query = new SearchQuery();
        var text = search.Trim();

        // A "Vms:" style prefix is allowed by the engine; it names the collection already being searched.
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && text[..colon].All(char.IsLetter) && !text[..colon].Contains('='))
        {
            text = text[(colon + 1)..].Trim();
        }

        text = StripPaging(text);
        foreach (var alternative in Split(text, " or "))
        {
            var terms = new List<(string Field, string Pattern, bool Negated)>();
            foreach (var raw in Split(alternative, " and "))
            {
                var term = raw.Trim();
                if (term.Length == 0)
                {
                    continue;
                }

                var negated = term.Contains("!=", StringComparison.Ordinal);
                var parts = term.Split(negated ? "!=" : "=", 2);
                if (parts.Length != 2)
                {
                    throw new FormatException($"Cannot parse search term '{term}': expected field=value");
                }

                terms.Add((parts[0].Trim().ToLowerInvariant(), parts[1].Trim().Trim('"', '\''), negated));
            }

            query._alternatives.Add(terms);
        }

        return query;
    }

    /// <summary>Whether an object matches; <paramref name="lookup"/> gives a field's values, or null for a field the collection does not know.</summary>
    public bool Matches(Func<string, IEnumerable<string?>?> lookup) => _alternatives.Any(terms => MatchesAll(terms, lookup));

    private static bool MatchesAll(List<(string Field, string Pattern, bool Negated)> terms, Func<string, IEnumerable<string?>?> lookup)
    {
        foreach (var (field, pattern, negated) in terms)
        {
            var values = lookup(field);
            if (values is null)
            {
                continue;
            }

            var any = values.Any(v => v is not null && Like(v, pattern));
            if (any == negated)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The ids of a search made only of <c>id=X</c> alternatives (no wildcard, no other term), in order; otherwise null.</summary>
    public IReadOnlyList<string>? Ids() =>
        _alternatives.All(terms => terms is [("id", var pattern, false)] && !pattern.Contains('*', StringComparison.Ordinal))
            ? [.. _alternatives.Select(terms => terms[0].Pattern).Distinct(StringComparer.OrdinalIgnoreCase)]
            : null;

    /// <summary>Drops "sortby FIELD [asc|desc]" and "page N" clauses: the lab keeps the engine's default order and answers one page.</summary>
    private static string StripPaging(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        for (var i = 0; i < words.Count; i++)
        {
            if (words[i].Equals("sortby", StringComparison.OrdinalIgnoreCase))
            {
                var end = i + 2;
                if (end < words.Count && (words[end].Equals("asc", StringComparison.OrdinalIgnoreCase) || words[end].Equals("desc", StringComparison.OrdinalIgnoreCase)))
                {
                    end++;
                }

                words.RemoveRange(i, Math.Min(end, words.Count) - i);
                i--;
            }
            else if (words[i].Equals("page", StringComparison.OrdinalIgnoreCase) && i + 1 < words.Count && int.TryParse(words[i + 1], CultureInfo.InvariantCulture, out _))
            {
                words.RemoveRange(i, 2);
                i--;
            }
        }

        return string.Join(' ', words);
    }

    private static IEnumerable<string> Split(string text, string separator)
    {
        var start = 0;
        for (var i = 0; i + separator.Length <= text.Length; i++)
        {
            if (text.AsSpan(i, separator.Length).Equals(separator, StringComparison.OrdinalIgnoreCase))
            {
                yield return text[start..i];
                start = i + separator.Length;
                i += separator.Length - 1;
            }
        }

        yield return text[start..];
    }

    private static bool Like(string value, string pattern)
    {
        if (!pattern.Contains('*', StringComparison.Ordinal))
        {
            return string.Equals(value, pattern, StringComparison.OrdinalIgnoreCase);
        }

        var pieces = pattern.Split('*');
        var position = 0;
        for (var i = 0; i < pieces.Length; i++)
        {
            var piece = pieces[i];
            if (piece.Length == 0)
            {
                continue;
            }

            if (i == 0)
            {
                if (!value.StartsWith(piece, StringComparison.OrdinalIgnoreCase))
                {
                    return false;
                }

                position = piece.Length;
                continue;
            }

            var found = value.IndexOf(piece, position, StringComparison.OrdinalIgnoreCase);
            if (found < 0)
            {
                return false;
            }

            position = found + piece.Length;
        }

        var last = pieces[^1];
        return last.Length == 0 || value.EndsWith(last, StringComparison.OrdinalIgnoreCase);
    }
}
