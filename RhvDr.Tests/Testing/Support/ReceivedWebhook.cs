using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace RhvDr.Tests.Support;

/// <summary>One request as the receiver got it: the raw body bytes (what the signature covers) and the headers.</summary>
public sealed record ReceivedWebhook(DateTimeOffset At, string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public JsonElement Json => JsonSerializer.Deserialize<JsonElement>(Body);

    public string Event => Json.GetProperty("event").GetString()!;

    public string Id => Json.GetProperty("id").GetString()!;

    public string? DeliveryHeader => Headers.GetValueOrDefault("X-RhvDr-Delivery");

    public string? Signature => Headers.GetValueOrDefault("X-RhvDr-Signature");

    /// <summary>Checks the signature as a receiver would: HMAC-SHA256 of the raw body with the shared secret, compared in constant time.</summary>
    public bool IsSignedWith(string secret)
    {
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Body));
        return Signature is { } actual && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(actual));
    }
}
