using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RhvDr.Tests.Integration;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.External;

/// <summary>What an operator must see when one engine misbehaves: that site says so in plain words, the rest keeps working.</summary>
internal static class SiteFaultAssertions
{
    /// <summary>The sites once the primary's engine message satisfies <paramref name="condition"/> (and the recovery site has been polled).</summary>
    public static Task<JsonElement[]> WaitForPrimaryAsync(HttpClient http, Func<string, bool> condition, string what) =>
        WaitFor.ValueAsync(
            async () => await http.GetFromJsonAsync<JsonElement[]>("/api/sites") ?? [],
            sites => sites.Length == 2
                && Engine(sites, "primary").GetProperty("message").GetString() is { } message && condition(message)
                && Engine(sites, "recovery").GetProperty("status").GetString() == "connected",
            what);

    public static JsonElement Engine(JsonElement[] sites, string name) => Site(sites, name).GetProperty("engine");

    public static JsonElement Site(JsonElement[] sites, string name) => sites.Single(s => s.GetProperty("name").GetString() == name);

    /// <summary>Words, not .NET: no exception names, stack frames, serializer paths or the generic HttpClient sentence, and nothing said twice.</summary>
    public static void PlainWords(string message)
    {
        foreach (var dotnet in new[] { "Exception", "   at ", "An error occurred while sending the request", "LineNumber", "BytePositionInLine", "see inner exception", "System." })
        {
            Assert.DoesNotContain(dotnet, message, StringComparison.Ordinal);
        }
        var words = message.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i + 4 <= words.Length; i++)
        {
            var phrase = string.Join(' ', words[i..(i + 4)]);
            Assert.True(seen.Add(phrase), $"\"{phrase}\" is said twice in: {message}");
        }
    }

    /// <summary>The recovery site connected with its inventory, Overview and the wall served, nothing logged as an error.</summary>
    public static async Task RestOfConsoleWorksAsync(ConsoleAppFactory console, JsonElement[] sites, CapturingLoggerProvider log)
    {
        var recovery = Site(sites, "recovery");
        Assert.Equal("connected", recovery.GetProperty("engine").GetProperty("status").GetString());
        Assert.Equal(4, recovery.GetProperty("hosts").GetProperty("total").GetInt32());

        using var pages = console.CreateApiClient(ConsoleAppFactory.AdminToken);
        foreach (var page in new[] { "/", "/wall" })
        {
            using var response = await pages.GetAsync(page);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page} answered {(int)response.StatusCode}");
        }

        var errors = log.Lines.Where(l => l.StartsWith("Error ", StringComparison.Ordinal) || l.StartsWith("Critical ", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, "logged as errors:\n" + string.Join("\n", errors));
    }
}
