using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace RhvDr.Core.Audit;

/// <summary>
/// The chain's hash: SHA-256 (lower-case hex) over an unambiguous encoding of the previous hash and every field of an entry.
/// Strings are written as a big-endian 32-bit byte length and their UTF-8 bytes (null as length -1, so null and "" differ);
/// numbers as big-endian 64-bit integers. A leading version tag lets the encoding change without re-reading old chains wrongly.
/// </summary>
public static class AuditHash
{
    /// <summary>The previous hash of the first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    private const string Version = "rhvdr-audit-v1";

    /// <summary>The hash <paramref name="record"/> must carry, from its own previous hash and fields (its stored hash is ignored).</summary>
    public static string Compute(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Compute(record.PreviousHash, record.Sequence, record.Time.ToUnixTimeMilliseconds(), record.Actor, record.Source,
            record.Action, record.Target, record.Outcome, record.Before, record.After, record.Detail);
    }

    public static string Compute(
        string previousHash,
        long sequence,
        long timeMs,
        string actor,
        string source,
        string action,
        string target,
        string outcome,
        string? before,
        string? after,
        string? detail)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        WriteString(buffer, Version);
        WriteString(buffer, previousHash);
        WriteInt64(buffer, sequence);
        WriteInt64(buffer, timeMs);
        WriteString(buffer, actor);
        WriteString(buffer, source);
        WriteString(buffer, action);
        WriteString(buffer, target);
        WriteString(buffer, outcome);
        WriteString(buffer, before);
        WriteString(buffer, after);
        WriteString(buffer, detail);
        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }

    private static void WriteInt64(ArrayBufferWriter<byte> buffer, long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(buffer.GetSpan(sizeof(long)), value);
        buffer.Advance(sizeof(long));
    }

    private static void WriteString(ArrayBufferWriter<byte> buffer, string? value)
    {
        if (value is null)
        {
            BinaryPrimitives.WriteInt32BigEndian(buffer.GetSpan(sizeof(int)), -1);
            buffer.Advance(sizeof(int));
            return;
        }
        var length = Encoding.UTF8.GetByteCount(value);
        var span = buffer.GetSpan(sizeof(int) + length);
        BinaryPrimitives.WriteInt32BigEndian(span, length);
        Encoding.UTF8.GetBytes(value, span[sizeof(int)..]);
        buffer.Advance(sizeof(int) + length);
    }
}
