using System.Net;

namespace RhvDr.Core.Ovirt;

/// <summary>What an engine sent back, as far as words about it need: status, content type, size and the start of the body.</summary>
/// <param name="Status">HTTP status.</param>
/// <param name="ReasonPhrase">The status line's text, e.g. <c>Bad Gateway</c>.</param>
/// <param name="MediaType">Content-Type without parameters, e.g. <c>text/html</c>; null when not sent.</param>
/// <param name="Length">Bytes of body read.</param>
/// <param name="Start">The first few kilobytes of the body as text.</param>
/// <param name="LastLine">Zero-based line of the last byte read, for telling JSON that breaks off from JSON that is malformed.</param>
/// <param name="LastLineLength">Bytes read on that line.</param>
public sealed record EngineAnswer(
    HttpStatusCode Status,
    string? ReasonPhrase,
    string? MediaType,
    long Length,
    string Start,
    long LastLine = 0,
    long LastLineLength = 0)
{
    /// <summary>True for <c>application/json</c> and its <c>+json</c> relatives, and for an answer with no content type.</summary>
    public bool MayBeJson => MayBeJsonMediaType(MediaType);

    public bool LooksLikeHtml =>
        (MediaType?.Contains("html", StringComparison.OrdinalIgnoreCase) ?? false) ||
        (Start.TrimStart().StartsWith('<') && Start.Contains("<html", StringComparison.OrdinalIgnoreCase));

    /// <summary>No content type counts as JSON too: some proxies drop the header.</summary>
    public static bool MayBeJsonMediaType(string? mediaType) => mediaType is null || mediaType.Contains("json", StringComparison.OrdinalIgnoreCase);
}
