using System.Buffers;

namespace RhvDr.Core.Ovirt;

/// <summary>
/// A whole answer body in one pooled array, parsed from there. The serializer reading a stream keeps the whole of a value
/// whose converter cannot pause (every collection) in a buffer it grows by doubling, and scans it again each time it grows:
/// for a full poll's VM list (tens of MB) that came to about three passes over the text and 100 MB or more of fresh
/// arrays a poll. Here the body is read once, into an array as large as its Content-Length, from a pool of the engine
/// client's own that keeps the arrays of the largest answers for the next poll.
/// </summary>
internal sealed class EngineAnswerBuffer : IDisposable
{
    private const int UnknownLengthStart = 64 * 1024;

    // Arrays up to 256 MB, a few of each size: both sites' full polls at once, and the small answers beside them.
    private static readonly ArrayPool<byte> Pool = ArrayPool<byte>.Create(256 * 1024 * 1024, 4);

    private byte[]? _array;
    private readonly int _length;

    private EngineAnswerBuffer(byte[] array, int length)
    {
        _array = array;
        _length = length;
    }

    /// <summary>The body, without a UTF-8 byte order mark (the serializer's stream reading skips one too).</summary>
    public ReadOnlySpan<byte> Json
    {
        get
        {
            var span = (_array ?? throw new ObjectDisposedException(nameof(EngineAnswerBuffer))).AsSpan(0, _length);
            return span.StartsWith("\uFEFF"u8) ? span[3..] : span;
        }
    }

    /// <summary>Reads <paramref name="body"/> to its end; <paramref name="contentLength"/>, when sent, sizes the array.</summary>
    public static async Task<EngineAnswerBuffer> ReadAsync(Stream body, long? contentLength, CancellationToken cancellationToken)
    {
        // One byte more than announced, so the end is seen without growing.
        var array = Pool.Rent(contentLength is > 0 and < int.MaxValue / 2 ? (int)contentLength.Value + 1 : UnknownLengthStart);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == array.Length)
                {
                    var bigger = Pool.Rent(checked(array.Length * 2));
                    array.AsSpan(0, length).CopyTo(bigger);
                    Pool.Return(array);
                    array = bigger;
                }

                var read = await body.ReadAsync(array.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return new EngineAnswerBuffer(array, length);
                }

                length += read;
            }
        }
        catch
        {
            Pool.Return(array);
            throw;
        }
    }

    public void Dispose()
    {
        if (_array is { } array)
        {
            _array = null;
            Pool.Return(array);
        }
    }
}
