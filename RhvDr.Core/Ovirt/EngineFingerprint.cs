namespace RhvDr.Core.Ovirt;

/// <summary>Parses the SHA-256 certificate fingerprints operators paste from <c>openssl x509 -fingerprint -sha256</c>.</summary>
public static class EngineFingerprint
{
    /// <summary>The 32 bytes of a fingerprint written as hex, with or without ':' or ' ' separators; null when it is not one.</summary>
    public static byte[]? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var hex = new string(text.Where(c => c is not (':' or ' ' or '-')).ToArray());
        if (hex.Length != 64 || !hex.All(char.IsAsciiHexDigit))
        {
            return null;
        }
        return Convert.FromHexString(hex);
    }
}
