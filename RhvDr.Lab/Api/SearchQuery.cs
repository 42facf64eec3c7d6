namespace RhvDr.Lab.Api;

/// <summary>
/// The engine's search language, as far as DR tooling uses it: <c>name=X</c>, <c>name=prefix*</c>, <c>id=X</c>,
/// <c>status=up and datacenter=Y</c>, <c>!=</c>. Matching is case-insensitive. Terms on fields the lab does not know are ignored.
/// </summary>
public sealed class SearchQuery
{
    private readonly List<(string Field, string Pattern, bool Negated)> _terms = [];

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
        foreach (var raw in SplitAnd(text))
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

            query._terms.Add((parts[0].Trim().ToLowerInvariant(), parts[1].Trim().Trim('"', '\''), negated));
        }

        return query;
    }

    /// <summary>Whether an object matches; <paramref name="lookup"/> gives a field's values, or null for a field the collection does not know.</summary>
    public bool Matches(Func<string, IEnumerable<string?>?> lookup)
    {
        foreach (var (field, pattern, negated) in _terms)
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
            else if (words[i].Equals("page", StringComparison.OrdinalIgnoreCase) && i + 1 < words.Count && int.TryParse(words[i + 1], out _))
            {
                words.RemoveRange(i, 2);
                i--;
            }
        }

        return string.Join(' ', words);
    }

    private static IEnumerable<string> SplitAnd(string text)
    {
        var start = 0;
        for (var i = 0; i + 5 <= text.Length; i++)
        {
            if (text.AsSpan(i, 5).Equals(" and ", StringComparison.OrdinalIgnoreCase))
            {
                yield return text[start..i];
                start = i + 5;
                i += 4;
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
