using System.Collections.Frozen;
using System.Text.Json;

namespace RhvDr.Core.Ovirt;

/// <summary>
/// The one place engine state words (<c>up</c>, <c>powering_up</c>, <c>preparing_for_maintenance</c>, ...) become
/// <see cref="VmStatus"/>, <see cref="HostStatus"/> and <see cref="StorageDomainStatus"/> values and back. Words are the
/// enum names in snake case, as the engine's API sends them; case is ignored when reading.
/// </summary>
public static class EngineStatusWords
{
    /// <summary>The value for <paramref name="word"/>; <c>Unknown</c> for null and for words the engine model does not define.</summary>
    public static T Parse<T>(string? word)
        where T : struct, Enum =>
        word is not null && Words<T>.ByWord.TryGetValue(word, out var value) ? value : default;

    /// <summary>The value for <paramref name="word"/>; null when the engine sent no status.</summary>
    public static T? ParseOptional<T>(string? word)
        where T : struct, Enum =>
        word is null ? null : Parse<T>(word);

    /// <summary>The engine's word for <paramref name="value"/>, e.g. <c>preparing_for_maintenance</c>.</summary>
    public static string ToWord<T>(T value)
        where T : struct, Enum =>
        Words<T>.ByValue.TryGetValue(value, out var word) ? word : Words<T>.ByValue[default];

    private static class Words<T>
        where T : struct, Enum
    {
        public static readonly FrozenDictionary<T, string> ByValue =
            Enum.GetValues<T>().ToFrozenDictionary(v => v, v => JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString()));

        public static readonly FrozenDictionary<string, T> ByWord =
            ByValue.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.OrdinalIgnoreCase);
    }
}
