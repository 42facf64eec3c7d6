namespace RhvDr.Lab.Simulation;

/// <summary>Version-4-shaped GUIDs drawn from a seeded random, so the same seed yields the same estate and ids.</summary>
public sealed class DeterministicIds(Random random)
{
    private readonly byte[] _bytes = new byte[16];

    public string Next()
    {
        random.NextBytes(_bytes);
        _bytes[7] = (byte)((_bytes[7] & 0x0F) | 0x40);
        _bytes[8] = (byte)((_bytes[8] & 0x3F) | 0x80);
        return new Guid(_bytes).ToString();
    }

    /// <summary>A version-4-shaped GUID that always follows from <paramref name="ownerId"/> and <paramref name="purpose"/>: ids of objects the lab does not store.</summary>
    public static string Derive(string ownerId, string purpose)
    {
        Span<byte> hash = stackalloc byte[32];
        System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(ownerId + "/" + purpose), hash);
        hash[7] = (byte)((hash[7] & 0x0F) | 0x40);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16]).ToString();
    }

    public string NextMac() =>
        string.Create(17, random.Next(0, 1 << 24), static (span, n) =>
        {
            // oVirt's default MAC pool range 56:6f:xx:xx:xx:xx.
            "56:6f:1a".AsSpan().CopyTo(span);
            for (var i = 0; i < 3; i++)
            {
                var b = (n >> (16 - (8 * i))) & 0xFF;
                span[8 + (3 * i)] = ':';
                b.TryFormat(span[(9 + (3 * i))..], out _, "x2", System.Globalization.CultureInfo.InvariantCulture);
            }
        });
}
