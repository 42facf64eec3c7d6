using System.Security.Cryptography;
using System.Text;

namespace RhvDr.Core.Notifications;

/// <summary>The <c>X-RhvDr-Signature</c> value: <c>sha256=</c> and the hex HMAC-SHA256 of the raw body, keyed with the webhook's secret.</summary>
public static class WebhookSignature
{
    public const string Header = "X-RhvDr-Signature";

    public const string Prefix = "sha256=";

    public static string Compute(string secret, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        return Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
    }
}
