using System.Buffers;

namespace RhvDr.Lab.Resources;

/// <summary>
/// Collects written bytes in pooled chunks and hands them back as one array of the exact size. A list of 10,000 VMs with
/// their disks is 34 MB of JSON; one growing buffer would double its way there, allocating about twice that in arrays
/// it drops, on every new state of the lab.
/// </summary>
internal sealed class PooledChunkWriter : IBufferWriter<byte>, IDisposable
{
    private const int ChunkSize = 256 * 1024;

    private readonly List<(byte[] Array, int Used)> _full = [];
    private byte[] _current = ArrayPool<byte>.Shared.Rent(ChunkSize);
    private int _used;

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (_used + count > _current.Length)
        {
            throw new InvalidOperationException("Advanced past the memory handed out.");
        }

        _used += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0) => Reserve(sizeHint).AsMemory(_used);

    public Span<byte> GetSpan(int sizeHint = 0) => Reserve(sizeHint).AsSpan(_used);

    /// <summary>Everything written, as one array.</summary>
    public byte[] ToArray()
    {
        var length = _used;
        foreach (var (_, used) in _full)
        {
            length += used;
        }

        var result = GC.AllocateUninitializedArray<byte>(length);
        var offset = 0;
        foreach (var (array, used) in _full)
        {
            array.AsSpan(0, used).CopyTo(result.AsSpan(offset));
            offset += used;
        }

        _current.AsSpan(0, _used).CopyTo(result.AsSpan(offset));
        return result;
    }

    public void Dispose()
    {
        foreach (var (array, _) in _full)
        {
            ArrayPool<byte>.Shared.Return(array);
        }

        _full.Clear();
        ArrayPool<byte>.Shared.Return(_current);
        _current = [];
        _used = 0;
    }

    private byte[] Reserve(int sizeHint)
    {
        var needed = Math.Max(sizeHint, 1);
        if (_current.Length - _used < needed)
        {
            _full.Add((_current, _used));
            _current = ArrayPool<byte>.Shared.Rent(Math.Max(ChunkSize, needed));
            _used = 0;
        }

        return _current;
    }
}
